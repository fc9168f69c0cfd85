import { runCommand } from './run-command';

export interface BootResult {
  /** Everything the serial console printed. */
  console: string;
  timedOut: boolean;
  exitCode: number | null;
  seconds: number;
}

/**
 * Boots the kernel with the test initramfs under `timeout`. The test ends
 * with reboot(RB_AUTOBOOT); with -no-reboot QEMU then exits.
 */
export async function bootKernel(opts: {
  bzImage: string;
  initramfs: string;
  timeoutSeconds: number;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}): Promise<BootResult> {
  // TCG on purpose: the tiny kernel and test boot in ~2 s without KVM, CI containers
  // have no /dev/kvm, and nested KVM here failed outright (MSR 0x10a with -cpu host,
  // a hang in SeaBIOS without it).
  const qemu = [
    'qemu-system-x86_64',
    '-accel',
    'tcg',
    '-m',
    '128',
    '-nographic',
    '-no-reboot',
    '-kernel',
    opts.bzImage,
    '-initrd',
    opts.initramfs,
    '-append',
    'console=ttyS0 panic=-1 oops=panic',
  ];
  // timeout(1) is the outer guard; runCommand's own timer is the backstop if timeout itself hangs.
  const result = await runCommand(
    'timeout',
    ['--kill-after=5', String(opts.timeoutSeconds), ...qemu],
    {
      env: opts.env,
      signal: opts.signal,
      timeoutSeconds: opts.timeoutSeconds + 15,
      keepBytes: 1024 * 1024,
    },
  );
  return {
    console: result.output.replace(/\r/g, ''),
    timedOut: result.timedOut || result.code === 124 || result.code === 137,
    exitCode: result.code,
    seconds: result.seconds,
  };
}
