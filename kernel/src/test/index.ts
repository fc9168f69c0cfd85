// Public surface of the kernel test (`dust kernel-test`).

export { checkToolchain, type ToolchainStatus } from './check-toolchain';
export { SETUP_COMMAND } from './config';
export { formatProgress } from './format-progress';
export { kernelTest } from './kernel-test';
export { parseBootLog } from './parse-boot-log';
export { type BootPlan, planBootTest } from './plan-boot-test';
export { renderBootHeader } from './render-boot-header';
export type {
  BootCheck,
  CheckpatchPatchResult,
  CheckpatchSummary,
  FlagResult,
  KernelTestOptions,
  KernelTestProgress,
  KernelVerdict,
  SkippableStage,
  StageName,
  StageResult,
  StageStatus,
} from './types';
export { SKIPPABLE_STAGES } from './types';
