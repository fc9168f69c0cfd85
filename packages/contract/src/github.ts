// The GitHub webhook (POST /api/github/webhook): what the repository's workflow and
// GitHub itself send, and the answer.
import { z } from 'zod';
import { KernelVerdictSchema } from './kernel-verdict';

/** What the workflow sends (event `dust_kernel_test`): `dust kernel-test --json` plus the release. */
export const KernelTestReportSchema = z.strictObject({
  release: z.number().int().min(1),
  verdict: KernelVerdictSchema,
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
