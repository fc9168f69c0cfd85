import {
  DiagnosticSchema,
  GroupingDiffSchema,
  GroupingSchema,
  multiLineText,
  oneLineText,
  ValidationReportSchema,
} from '@dust/model';
import { z } from 'zod';
import { INT4_MAX, PageQuerySchema, TimestampSchema, UserRefSchema } from './common';
import { MailStatusSchema } from './mail';

/** One line of visible text (docs/design.md, "Text"): titles end up in commit subjects and emails. */
export const TitleSchema = oneLineText().trim().min(3).max(120);
/** Markdown, stored raw (the web renders it safely). */
export const MarkdownSchema = multiLineText().max(20_000);
export const ChangelogSchema = multiLineText().max(5_000).default('');

export const ProposalStatusSchema = z.enum([
  'open',
  'approved',
  'rejected',
  'withdrawn',
  'superseded',
]);

export const RevisionSchema = z.object({
  proposalId: z.number().int(),
  number: z.number().int(),
  grouping: GroupingSchema,
  changelog: z.string(),
  baseRelease: z.number().int().describe('The baseline release this revision was written against.'),
  valid: z.boolean().describe('Valid and compatible with its base release when written.'),
  diagnostics: z.array(DiagnosticSchema),
  author: UserRefSchema,
  createdAt: TimestampSchema,
  mail: MailStatusSchema.nullable().describe('Its RFC posting to the list (POST …/post).'),
});

export const ProposalSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: ProposalStatusSchema,
  stale: z.boolean().describe('The baseline moved since its latest revision: rebase it.'),
  latestRevision: z.number().int(),
  author: UserRefSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export const FcpDispositionSchema = z.enum(['approve', 'reject']);

export const FcpSchema = z
  .object({
    disposition: FcpDispositionSchema,
    revision: z.number().int().describe('The revision it is about (the latest when it started).'),
    startedAt: TimestampSchema,
    endsAt: TimestampSchema.describe('When the disposition is applied, if nothing cancels it.'),
    startedBy: UserRefSchema,
  })
  .describe('The running final comment period (docs/design.md, "Review workflow").');

export const ProposalSchema = ProposalSummarySchema.extend({
  rationale: z.string(),
  revisions: z.array(RevisionSchema),
  fcp: FcpSchema.nullable(),
});

export const AttentionItemSchema = z.object({
  proposal: ProposalSummarySchema,
  reason: z
    .enum([
      'review-on-your-proposal',
      'stale-needs-rebase',
      'concern-answered',
      'ack-outdated',
      'ready-to-approve',
      'fcp-ending',
    ])
    .describe('Why it waits for you (docs/design.md, "Review workflow").'),
  since: TimestampSchema.describe('Since when it has been waiting.'),
});

export const StartFcpBodySchema = z.strictObject({ disposition: FcpDispositionSchema });

export const CreateProposalBodySchema = z.strictObject({
  title: TitleSchema,
  rationale: MarkdownSchema,
  grouping: GroupingSchema,
});

export const UpdateProposalBodySchema = z
  .strictObject({
    title: TitleSchema.optional(),
    rationale: MarkdownSchema.optional(),
    status: z
      .enum(['withdrawn', 'rejected'])
      .optional()
      .describe('"withdrawn" by the author; "rejected" by a maintainer (alone, no other field).'),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

/** A status, or "stale": an open proposal whose baseline moved. */
export const StatusFilterSchema = z.enum([...ProposalStatusSchema.options, 'stale']);

export const ListProposalsQuerySchema = PageQuerySchema.extend({
  status: z
    .union([StatusFilterSchema, z.array(StatusFilterSchema).min(1).max(6)])
    .optional()
    .describe('One or more (?status=open&status=stale): proposals with any of them.'),
  q: oneLineText()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Full-text search over titles, rationale, comments, flag names and descriptions; best match first.',
    ),
  author: z.string().max(39).optional().describe('Author name.'),
  flag: z
    .string()
    .max(32)
    .optional()
    .describe('Proposals with a revision that has a flag of this name.'),
  syscall: z
    .string()
    .max(64)
    .optional()
    .describe('Proposals with a revision that grants this syscall.'),
});

export const CreateRevisionBodySchema = z.strictObject({
  grouping: GroupingSchema,
  changelog: ChangelogSchema,
});

export const DiffQuerySchema = z.strictObject({
  against: z
    .union([z.literal('baseline'), z.coerce.number().int().min(1).max(INT4_MAX)])
    .default('baseline')
    .describe('"baseline" (the current baseline) or another revision number of this proposal.'),
});

/** GET …/revisions/:n/validation: diagnostics now, against the current baseline. */
export const RevisionValidationSchema = ValidationReportSchema.extend({
  baselineRelease: z.number().int(),
  basedOnBaseline: z.boolean().describe('False: the baseline moved; rebase before approval.'),
});

export const RevisionDiffSchema = z.object({
  from: z.union([
    z.object({ kind: z.literal('baseline'), release: z.number().int() }),
    z.object({ kind: z.literal('revision'), revision: z.number().int() }),
  ]),
  diff: GroupingDiffSchema,
});

export const ApprovalSchema = z.object({
  release: z.number().int(),
  trailers: z.array(z.string()),
  proposal: ProposalSchema,
});

export type ProposalStatus = z.output<typeof ProposalStatusSchema>;
export type Revision = z.output<typeof RevisionSchema>;
export type ProposalSummary = z.output<typeof ProposalSummarySchema>;
export type Proposal = z.output<typeof ProposalSchema>;
export type Fcp = z.output<typeof FcpSchema>;
export type AttentionItem = z.output<typeof AttentionItemSchema>;
export type AttentionReason = AttentionItem['reason'];
export type RevisionValidation = z.output<typeof RevisionValidationSchema>;
