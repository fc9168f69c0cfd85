// Releases, their patch series and kernel builds, the baseline, and revision previews.
import { GroupingSchema } from '@dust/model';
import { z } from 'zod';
import { CheckpatchSummarySchema, FlagResultSchema, StageResultSchema } from './kernel-verdict';
import { MailStatusSchema } from './mail';

// A build shows the verdict's parts (KernelVerdictSchema), not its own copy of them.
export const BuildStageSchema = z.object(
  StageResultSchema.pick({ name: true, status: true, seconds: true }).shape,
);

export const BuildSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(['queued', 'running', 'passed', 'failed', 'skipped']),
    runner: z
      .string()
      .describe('"local": this service\'s worker; "github": a pull request\'s workflow.'),
    externalUrl: z.string().nullable().describe('The pull request, when the build runs on GitHub.'),
    reason: z.string().nullable().describe('Why the build was skipped or failed.'),
    attempts: z.number().int(),
    stages: z.array(BuildStageSchema).describe('Stage name, status and duration in seconds.'),
    checkpatch: z
      .object(CheckpatchSummarySchema.pick({ errors: true, warnings: true }).shape)
      .nullable(),
    flags: z
      .array(z.object(FlagResultSchema.shape))
      .nullable()
      .describe('Per-flag boot test results.'),
    log: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .describe('The kernel build and boot test of a release (the latest attempt).');

export const SeriesLinksSchema = z
  .object({
    version: z.string(),
    mbox: z.string().describe('URL of series.mbox (git am takes it).'),
    tarGz: z.string().describe('URL of series.tar.gz.'),
    files: z.array(z.object({ name: z.string(), size: z.number().int(), url: z.string() })),
  })
  .describe('Downloads of the rendered patch series.');

export const ReleaseSummarySchema = z.object({
  number: z.number().int(),
  createdAt: z.string(),
  flagCount: z.number().int(),
  proposal: z
    .object({ id: z.number().int(), title: z.string(), revision: z.number().int() })
    .nullable()
    .describe('The approved proposal revision; null for release 0.'),
  approvedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  build: z
    .object({ status: BuildSchema.shape.status, reason: z.string().nullable() })
    .nullable()
    .describe('null for release 0, which has no series to build.'),
});

export const ReleaseDetailSchema = ReleaseSummarySchema.extend({
  grouping: GroupingSchema,
  trailers: z.array(z.string()),
  series: SeriesLinksSchema.nullable().describe(
    'null for release 0 (the empty baseline has no patch).',
  ),
  build: BuildSchema.nullable(),
  mail: MailStatusSchema.nullable().describe(
    'The series as sent to the list; null when mail is off.',
  ),
});

export const ReleaseParamsSchema = z.strictObject({
  k: z
    .string()
    .regex(/^(0|[1-9]\d{0,8})$/, 'a release number')
    .transform(Number)
    .describe('Release number (0 is the empty baseline).'),
});

export const ReleaseFileParamsSchema = ReleaseParamsSchema.extend({
  file: z.string().min(1).max(200),
});

export const BaselineSchema = z.object({ release: z.number().int(), grouping: GroupingSchema });

const positiveId = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'a positive integer')
  .transform(Number);
export const PreviewParamsSchema = z.strictObject({ id: positiveId, n: positiveId });
export const PreviewFileParamsSchema = PreviewParamsSchema.extend({
  file: z.string().min(1).max(200),
});

export const PreviewSchema = SeriesLinksSchema.extend({
  proposal: z.number().int(),
  revision: z.number().int(),
  baseRelease: z.number().int().describe('The baseline release the preview was rendered against.'),
}).describe('The series this revision would become if approved now.');

export type BuildStatus = z.output<typeof BuildSchema.shape.status>;
export type Build = z.output<typeof BuildSchema>;
export type SeriesLinks = z.output<typeof SeriesLinksSchema>;
export type ReleaseSummary = z.output<typeof ReleaseSummarySchema>;
export type Release = z.output<typeof ReleaseDetailSchema>;
export type Baseline = z.output<typeof BaselineSchema>;
export type Preview = z.output<typeof PreviewSchema>;
