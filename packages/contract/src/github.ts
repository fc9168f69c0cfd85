// The GitHub webhook (POST /api/github/webhook): what the repository's workflow and
// GitHub itself send, and the answer.
import { z } from 'zod';

const StageSchema = z.strictObject({
  name: z.string().max(100),
  status: z.string().max(40),
  seconds: z.number().min(0),
  log: z.string().optional(),
});

/** What the workflow sends (event `dust_kernel_test`): `dust kernel-test --json` plus the release. */
export const KernelTestReportSchema = z.strictObject({
  release: z.number().int().min(1),
  verdict: z.strictObject({
    status: z.enum(['passed', 'failed', 'skipped']),
    reason: z.string().max(2000).optional(),
    stages: z.array(StageSchema).max(50),
    checkpatch: z
      .strictObject({
        errors: z.number().int().min(0),
        warnings: z.number().int().min(0),
        perPatch: z
          .array(
            z.strictObject({
              patch: z.string().max(200),
              errors: z.number().int().min(0),
              warnings: z.number().int().min(0),
              checks: z.number().int().min(0),
              messages: z.array(z.string().max(2000)).max(500),
            }),
          )
          .max(100)
          .optional(),
      })
      .nullable()
      .describe('null when checkpatch did not run.'),
    flags: z
      .array(
        z.strictObject({
          name: z.string().max(64),
          status: z.string().max(40),
          detail: z.string().max(2000).optional(),
        }),
      )
      .max(64),
    checks: z
      .array(
        z.strictObject({
          scope: z.string().max(64),
          check: z.string().max(200),
          status: z.string().max(40),
          detail: z.string().max(2000).optional(),
        }),
      )
      .max(2000)
      .optional(),
    workDir: z.string().max(500).optional(),
  }),
  log: z
    .string()
    .max(512 * 1024)
    .optional()
    .describe("Tail of the run's log; the request body limit applies to the whole report."),
  run_url: z.string().url().max(500).optional(),
});

/** GitHub's own workflow_run event: only the fields we read; GitHub sends many more. */
export const WorkflowRunSchema = z.object({
  action: z.string(),
  workflow_run: z.object({
    head_branch: z.string().nullable(),
    conclusion: z.string().nullable(),
    html_url: z.string(),
  }),
});

/** The webhook's answer: recorded on a build job, or ignored with the reason. */
export const WebhookAckSchema = z.object({
  status: z.enum(['recorded', 'ignored']),
  detail: z.string(),
});
