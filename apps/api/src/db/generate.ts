// `npm run db:generate`: generates the Prisma client into src/generated/prisma
// (git-ignored) when prisma/schema.prisma changed since the last generation.
// Works offline: the CLI runs with the JS engine (see prisma.config.ts).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaFile = path.resolve(apiDir, '../../prisma/schema.prisma');
const outDir = path.join(apiDir, 'src/generated/prisma');
const stampFile = path.join(outDir, '.schema-sha256');
const prismaPkg = path.resolve(apiDir, '../../node_modules/prisma/package.json');

const fingerprint = createHash('sha256')
  .update(readFileSync(schemaFile))
  .update(existsSync(prismaPkg) ? readFileSync(prismaPkg) : '')
  .digest('hex');

const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (current !== fingerprint || !existsSync(path.join(outDir, 'client.ts'))) {
  execFileSync('npx', ['prisma', 'generate', '--config', 'prisma.config.ts'], {
    cwd: apiDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(stampFile, fingerprint);
}
