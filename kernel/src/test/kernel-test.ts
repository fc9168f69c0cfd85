import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Grouping, validateGrouping } from '@dust/model';
import { renderSeries } from '../render';
import { applySeries } from './apply-series';
import { bisectSeries } from './bisect-series';
import { bootKernel } from './boot-kernel';
import { buildInitramfs } from './build-initramfs';
import { buildKernel } from './build-kernel';
import { checkToolchain, treeFiles } from './check-toolchain';
import { collectPatches, type PatchFile } from './collect-patches';
import { kernelTestConfig } from './config';
import { configureKernel } from './configure-kernel';
import { lockTree } from './lock-tree';
import { consoleTail, parseBootLog } from './parse-boot-log';
import { type BootPlan, planBootTest } from './plan-boot-test';
import { renderBootHeader } from './render-boot-header';
import { runCheckpatch } from './run-checkpatch';
import {
  type KernelTestOptions,
  type KernelVerdict,
  STAGE_NAMES,
  type StageName,
  type StageResult,
  type StageStatus,
} from './types';

const DEFAULT_BOOT_TIMEOUT = 120;

/** What a stage function returns: its status, an optional log, and why it failed. */
interface StageOutcome {
  ok: boolean;
  log?: string;
  reason?: string;
}

/**
 * `dust kernel-test`: applies a rendered series to the prepared Linux 6.1
 * tree, runs checkpatch, builds a small kernel, boots it under QEMU with a
 * test generated from the grouping, and reports a verdict. Never throws for a
 * missing toolchain or bad input: those are `skipped` or `failed` verdicts.
 */
export async function kernelTest(opts: KernelTestOptions = {}): Promise<KernelVerdict> {
  const config = kernelTestConfig();
  const tree = path.resolve(opts.tree ?? config.defaultTree);
  const files = treeFiles(tree);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const stages: StageResult[] = [];
  const verdict: KernelVerdict = {
    status: 'passed',
    stages,
    // Until checkpatch has run it has measured nothing: null, never zero counts.
    checkpatch: null,
    flags: [],
    checks: [],
  };
  const progress = (
    stage: StageName,
    event: 'start' | 'end' | 'info',
    status?: StageStatus,
    message?: string,
  ) =>
    opts.onProgress?.({
      stage,
      event,
      seconds: Math.round(elapsed() * 10) / 10,
      ...(status ? { status } : {}),
      ...(message ? { message } : {}),
    });
  const { signal } = opts;
  const abortReason = () =>
    `aborted (${signal?.reason instanceof Error ? signal.reason.message : String(signal?.reason)})`;
  const runStage = async (name: StageName, fn: () => Promise<StageOutcome>): Promise<boolean> => {
    progress(name, 'start');
    const t0 = performance.now();
    let outcome: StageOutcome;
    try {
      outcome = signal?.aborted ? { ok: false } : await fn();
    } catch (error) {
      outcome = { ok: false, reason: (error as Error).message, log: (error as Error).stack };
    }
    // An aborted run's commands were killed: say so rather than what the kill looked like.
    if (signal?.aborted) outcome = { ...outcome, ok: false, reason: abortReason() };
    const status: StageStatus = outcome.ok ? 'passed' : 'failed';
    stages.push({
      name,
      status,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      ...(outcome.log ? { log: outcome.log } : {}),
    });
    progress(name, 'end', status, outcome.reason);
    if (!outcome.ok && verdict.status !== 'failed') {
      verdict.status = 'failed';
      verdict.reason = `${name}: ${outcome.reason ?? 'failed'}`;
    }
    return outcome.ok;
  };

  const toolchain = await checkToolchain({ tree });
  if (!toolchain.ok) {
    return {
      ...verdict,
      status: 'skipped',
      reason: toolchain.reason ?? 'kernel toolchain not ready',
    };
  }

  let grouping: Grouping | undefined;
  let plan: BootPlan | undefined;
  let patches: PatchFile[] = [];
  const workDir = mkdtempSync(path.join(tmpdir(), 'dust-kernel-test-'));
  let unlock: (() => void) | undefined;
  try {
    const prepared = await runStage('prepare', async () => {
      const loaded = loadGrouping(opts);
      if (!loaded.ok) return { ok: false, reason: loaded.reason };
      grouping = loaded.grouping;
      plan = planBootTest(grouping);
      patches =
        opts.series || opts.seriesDir
          ? collectPatches({
              ...(opts.series ? { series: opts.series } : {}),
              ...(opts.seriesDir ? { seriesDir: opts.seriesDir } : {}),
            })
          : // No series given: the product's own renderer makes it.
            collectPatches({ series: renderSeries({ grouping }) });
      mkdirSync(path.join(workDir, 'patches'));
      for (const patch of patches)
        writeFileSync(path.join(workDir, 'patches', patch.name), patch.content);
      writeFileSync(path.join(workDir, 'grouping.json'), `${JSON.stringify(grouping, null, 2)}\n`);
      const waitStarted = performance.now();
      unlock = await lockTree(tree, {
        ...(signal ? { signal } : {}),
        onWait: (pid) =>
          progress(
            'prepare',
            'info',
            undefined,
            `waiting for the run holding ${tree} (pid ${pid})`,
          ),
      });
      const waited = (performance.now() - waitStarted) / 1000;
      const lockNote =
        waited >= 1 ? `, waited ${waited.toFixed(0)} s for another run on the tree` : '';
      return {
        ok: true,
        log: `${patches.length} patches, ${plan.expected.length} boot checks${lockNote}`,
      };
    });
    if (!prepared || !grouping || !plan) return finish();
    const bootPlan = plan;
    const patchPaths = patches.map((p) => ({
      name: p.name,
      path: path.join(workDir, 'patches', p.name),
    }));

    const applied = await runStage('apply', async () => {
      const result = await applySeries(
        tree,
        files.amWorktree,
        patchPaths.map((p) => p.path),
        config.env,
        signal,
      );
      return result.ok
        ? {
            ok: true,
            log: `${result.commit}: ${result.changed.length} files changed\n${result.changed.join('\n')}`,
          }
        : { ok: false, reason: 'git am did not apply the series to Linux 6.1', log: result.log };
    });
    if (!applied) return finish();

    // checkpatch (perl, one core) overlaps configure and build.
    const checkpatchDone = runStage('checkpatch', async () => {
      verdict.checkpatch = await runCheckpatch(tree, patchPaths, config.env, signal);
      const { errors, warnings, perPatch } = verdict.checkpatch;
      const log = perPatch
        .map((p) =>
          `${p.patch}: ${p.errors} errors, ${p.warnings} warnings\n${p.messages.join('\n')}`.trim(),
        )
        .join('\n');
      return errors === 0
        ? { ok: true, log, reason: `${warnings} warnings` }
        : { ok: false, log, reason: `${errors} errors, ${warnings} warnings` };
    });

    const built =
      (await runStage('configure', async () => {
        const result = await configureKernel(
          tree,
          files.baseConfig,
          config.scriptsDir,
          config.env,
          signal,
        );
        return result.ok
          ? { ok: true, log: result.changed ? '.config updated' : '.config unchanged' }
          : { ok: false, reason: 'CONFIG_SECCOMP_FLAGS could not be enabled', log: result.log };
      })) &&
      (await runStage('build', async () => {
        let reported = 0;
        const result = await buildKernel(
          tree,
          config.scriptsDir,
          config.env,
          (count, file) => {
            if (count - reported >= 50) {
              reported = count;
              progress('build', 'info', undefined, `${count} files compiled (${file})`);
            }
          },
          signal,
        );
        return result.ok
          ? { ok: true, log: `${result.compiled} files compiled\n${result.log}` }
          : { ok: false, reason: 'the kernel did not build', log: result.log };
      }));
    await checkpatchDone;
    if (!built) return finish();

    let cpio = '';
    const packed = await runStage('initramfs', async () => {
      const result = await buildInitramfs({
        workDir,
        tree,
        bootSourceDir: config.bootSourceDir,
        header: renderBootHeader(bootPlan),
        genInitCpio: files.genInitCpio,
        env: config.env,
        ...(signal ? { signal } : {}),
      });
      cpio = result.cpio;
      return result.ok
        ? { ok: true }
        : { ok: false, reason: 'the boot test did not compile', log: result.log };
    });
    if (!packed) return finish();

    await runStage('boot', async () => {
      const boot = await bootKernel({
        bzImage: files.bzImage,
        initramfs: cpio,
        timeoutSeconds: opts.timeoutSeconds ?? DEFAULT_BOOT_TIMEOUT,
        env: config.env,
        ...(signal ? { signal } : {}),
      });
      writeFileSync(path.join(workDir, 'console.log'), boot.console);
      const report = parseBootLog(boot.console, bootPlan);
      verdict.checks = report.checks;
      verdict.flags = report.flags;
      const log = `QEMU ${boot.seconds.toFixed(1)} s${boot.timedOut ? ', timed out' : ''}\n${consoleTail(boot.console, 200)}`;
      if (report.problem || !report.complete) {
        return { ok: false, log, reason: report.problem ?? 'the boot test did not finish' };
      }
      return { ok: true, log };
    });

    if (opts.skip?.includes('bisect')) {
      stages.push({
        name: 'bisect',
        status: 'skipped',
        seconds: 0,
        log: 'left out (--skip bisect)',
      });
      progress('bisect', 'end', 'skipped');
    } else {
      await runStage('bisect', async () => {
        const result = await bisectSeries({
          tree,
          amWorktree: files.amWorktree,
          baseConfig: files.baseConfig,
          scriptsDir: config.scriptsDir,
          env: config.env,
        });
        const steps = result.steps
          .map((s) => {
            const symbols = s.undefinedSymbols.map((name) => `CONFIG_${name}`).join(', ');
            const what = symbols ? `uses undefined ${symbols}` : s.ok ? 'builds' : 'FAILS';
            return `patch ${s.patch} (${s.subject}): ${what}, ${s.seconds} s`;
          })
          .join('\n');
        const built = `${result.objects.join(' ')} for each prefix but the whole series`;
        if (result.ok) return { ok: true, log: `${built}\n${steps}` };
        const broken = result.steps.find((s) => !s.ok);
        return {
          ok: false,
          reason: broken
            ? `the series does not build after patch ${broken.patch} (${broken.subject})`
            : 'could not list the patches of the series',
          log: `${built}\n${steps}\n${result.log}`,
        };
      });
    }
    return finish();
  } finally {
    unlock?.();
    if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
  }

  function finish(): KernelVerdict {
    // checkpatch overlaps other stages: list stages in pipeline order, not completion order.
    stages.sort((a, b) => STAGE_NAMES.indexOf(a.name) - STAGE_NAMES.indexOf(b.name));
    if (opts.keep) verdict.workDir = workDir;
    return verdict;
  }
}

type LoadedGrouping = { ok: true; grouping: Grouping } | { ok: false; reason: string };

/** The grouping from the options or the series directory's grouping.json, validated. */
function loadGrouping(opts: KernelTestOptions): LoadedGrouping {
  let input: unknown = opts.grouping;
  if (input === undefined) {
    const file = opts.seriesDir ? path.join(opts.seriesDir, 'grouping.json') : undefined;
    if (!file || !existsSync(file)) {
      return { ok: false, reason: 'no grouping: pass one, or put grouping.json beside the series' };
    }
    try {
      input = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      return { ok: false, reason: `${file} is not JSON: ${(error as Error).message}` };
    }
  }
  const report = validateGrouping(input);
  if (!report.valid || !report.grouping) {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    return {
      ok: false,
      reason: `the grouping is invalid: ${errors
        .slice(0, 5)
        .map((d) => `${d.code} at ${d.path || '/'}: ${d.message}`)
        .join('; ')}`,
    };
  }
  return { ok: true, grouping: report.grouping };
}
