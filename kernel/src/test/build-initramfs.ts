import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandFailed, runCommand } from './run-command';

export interface InitramfsResult {
  ok: boolean;
  cpio: string;
  log: string;
}

/**
 * Compiles the boot test (/init, static glibc) and the exec probe
 * (/exec-probe, no libc) on the host, and packs them with the tree's
 * usr/gen_init_cpio.
 */
export async function buildInitramfs(opts: {
  workDir: string;
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
  writeFileSync(
    at('initramfs.list'),
    [
      'dir /dev 0755 0 0',
      'nod /dev/console 0600 0 0 c 5 1',
      `file /init ${at('init')} 0755 0 0`,
      `file /exec-probe ${at('exec-probe')} 0755 0 0`,
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
