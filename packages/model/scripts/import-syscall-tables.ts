/**
 * Imports the Linux 6.1 syscall tables from the kernel's own sources and writes
 * src/data/linux-6.1.ts.
 *
 *   npm run import-tables -w @dust/model -- [--tree DIR | --tarball FILE] [--check]
 *
 * Without --tree/--tarball: $DUST_LINUX_SRC, else /usr/src/linux-source-6.1.tar.xz.
 * --check writes nothing and exits 1 when the committed data differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildTables } from './syscall-tables/build-tables';
import {
  defaultKernelSource,
  type KernelSource,
  readKernelFiles,
} from './syscall-tables/kernel-source';
import { renderDataModule } from './syscall-tables/render-data-module';

const DATA_MODULE = fileURLToPath(new URL('../src/data/linux-6.1.ts', import.meta.url));

function main(): number {
  const { values } = parseArgs({
    options: {
      tree: { type: 'string' },
      tarball: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const source: KernelSource | undefined = values.tree
    ? { tree: values.tree }
    : values.tarball
      ? { tarball: values.tarball }
      : defaultKernelSource();
  if (!source) {
    console.error(
      'no Linux 6.1 source: pass --tree DIR or --tarball FILE, or run `npm run kernel:setup`',
    );
    return 2;
  }
  const files = readKernelFiles(source);
  const imported = buildTables((path) => {
    const text = files.get(path);
    if (text === undefined) throw new Error(`${path} was not read`);
    return text;
  });
  const rendered = renderDataModule(imported);
  const counts = Object.entries(imported.tables).map(([arch, rows]) => `${arch} ${rows.length}`);
  if (values.check) {
    const same = readFileSync(DATA_MODULE, 'utf8') === rendered;
    console.log(
      same ? `up to date (${counts.join(', ')})` : `${DATA_MODULE} differs from the kernel tree`,
    );
    return same ? 0 : 1;
  }
  writeFileSync(DATA_MODULE, rendered);
  console.log(`wrote ${DATA_MODULE} from Linux ${imported.release}: ${counts.join(', ')}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`import-tables: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
