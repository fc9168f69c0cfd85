import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SELFTEST_NAME } from '../render/selftest-source';
import { commandFailed, runCommand } from './run-command';

const SELFTEST_DIR = 'tools/testing/selftests/seccomp';

/**
 * The uapi headers the selftest includes, from the patched tree, as
 * `make headers_install` leaves them (without <linux/compiler.h>): copying two
 * headers costs nothing, installing all of them would cost a make run.
 */
function installSeccompHeaders(tree: string, include: string): void {
  mkdirSync(path.join(include, 'linux'), { recursive: true });
  for (const name of ['seccomp.h', 'seccomp_flags.h']) {
    const from = path.join(tree, 'include', 'uapi', 'linux', name);
    if (!existsSync(from)) continue;
    const text = readFileSync(from, 'utf8').replace(/^#include <linux\/compiler\.h>\n/m, '');
    writeFileSync(path.join(include, 'linux', name), text);
  }
}

export interface InitramfsResult {
  ok: boolean;
  cpio: string;
  log: string;
}

/**
 * Compiles the boot test (/init, static glibc), the exec probe (/exec-probe,
 * no libc) and the series' own selftest from the patched tree
 * (/seccomp_flags_test, static glibc and pthreads) on the host, and packs
 * them with the tree's usr/gen_init_cpio.
 */
export async function buildInitramfs(opts: {
  workDir: string;
  /** The build tree with the series applied (the selftest's source and headers). */
  tree: string;
  bootSourceDir: string;
  header: string;
  genInitCpio: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}): Promise<InitramfsResult> {
  const { workDir, bootSourceDir, env, signal } = opts;
  const at = (name: string) => path.join(workDir, name);
  writeFileSync(at('grouping.h'), opts.header);
  const logs: string[] = [];
  const gcc = async (args: string[]) => {
    const result = await runCommand('gcc', args, {
      cwd: workDir,
      env,
      timeoutSeconds: 300,
      signal,
    });
    logs.push(`$ gcc ${args.join(' ')}\n${result.output}`.trim());
    return !commandFailed(result);
  };
  const cpio = at('initramfs.cpio');
  const fail = () => ({ ok: false, cpio, log: logs.join('\n') });
  // No -Werror here: a newer host compiler's new warning must not fail a kernel test (the unit tests use -Werror).
  const warnings = ['-Wall', '-Wextra', '-Wno-unused-result'];
  if (
    !(await gcc([
      '-static',
      '-O2',
      ...warnings,
      '-I',
      workDir,
      '-o',
      at('init'),
      path.join(bootSourceDir, 'init.c'),
    ]))
  ) {
    return fail();
  }
  const freestanding = [
    '-static',
    '-nostdlib',
    '-ffreestanding',
    '-fno-stack-protector',
    '-fcf-protection=none',
    '-fno-pie',
    '-no-pie',
  ];
  if (
    !(await gcc([
      ...freestanding,
      '-O2',
      ...warnings,
      '-o',
      at('exec-probe'),
      path.join(bootSourceDir, 'exec-probe.c'),
    ]))
  ) {
    return fail();
  }
  installSeccompHeaders(opts.tree, at('uapi'));
  if (
    !(await gcc([
      '-static',
      '-O2',
      '-pthread',
      ...warnings,
      // kselftest_harness.h's callbacks ignore some of their parameters.
      '-Wno-unused-parameter',
      '-I',
      at('uapi'),
      '-o',
      at(SELFTEST_NAME),
      path.join(opts.tree, SELFTEST_DIR, `${SELFTEST_NAME}.c`),
    ]))
  ) {
    return fail();
  }
  writeFileSync(
    at('initramfs.list'),
    [
      'dir /dev 0755 0 0',
      'nod /dev/console 0600 0 0 c 5 1',
      'dir /proc 0755 0 0',
      `file /init ${at('init')} 0755 0 0`,
      `file /exec-probe ${at('exec-probe')} 0755 0 0`,
      `file /${SELFTEST_NAME} ${at(SELFTEST_NAME)} 0755 0 0`,
      '',
    ].join('\n'),
  );
  // gen_init_cpio writes the archive to stdout; the shell keeps the bytes binary.
  const pack = await runCommand(
    'sh',
    ['-c', '"$0" "$1" > "$2"', opts.genInitCpio, at('initramfs.list'), cpio],
    { env, timeoutSeconds: 60, signal },
  );
  logs.push(pack.output);
  if (commandFailed(pack)) return fail();
  return { ok: true, cpio, log: logs.join('\n').trim() };
}
