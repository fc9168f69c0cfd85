import { oneLineText } from '@dust/model';
import { z } from 'zod';
import { INT4_MAX, PageQuerySchema, TimestampSchema, UserRefSchema } from './common';
import { MailOriginSchema } from './mail';
import { MarkdownSchema } from './proposals';

export const CommentSchema = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  revision: z.number().int().nullable().describe('Revision number the comment is about, if any.'),
  flag: z.string().nullable(),
  syscall: z.string().nullable(),
  body: z.string().describe('Markdown, raw: render it safely.'),
  author: UserRefSchema,
  createdAt: TimestampSchema,
  mail: MailOriginSchema.nullable(),
});

export const CreateCommentBodySchema = z.strictObject({
  body: MarkdownSchema.min(1),
  revision: z.number().int().min(1).max(INT4_MAX).optional(),
  flag: z
    .string()
    .max(32)
    .optional()
    .describe('Name of a flag of the revision (or the latest one).'),
  syscall: z.string().max(64).optional().describe('A syscall name of the proposal’s kernel.'),
});

export const ListCommentsQuerySchema = PageQuerySchema.extend({
  revision: z.coerce.number().int().min(1).max(INT4_MAX).optional(),
  flag: z.string().max(32).optional(),
  syscall: z.string().max(64).optional(),
});

export const VerdictSchema = z.enum(['ack', 'nak', 'concern']);

export const ReviewSchema = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  revision: z.number().int(),
  verdict: VerdictSchema,
  body: z.string(),
  resolved: z.boolean(),
  resolvedAt: TimestampSchema.nullable(),
  outdated: z.boolean().describe('An ack given to a grouping the proposal has since changed.'),
  author: UserRefSchema,
  createdAt: TimestampSchema,
  source: z
    .enum(['web', 'mail'])
    .describe('"mail": a trailer or Concern: line in a reply to the list.'),
  mail: MailOriginSchema.nullable(),
});

export const CreateReviewBodySchema = z.strictObject({
  verdict: VerdictSchema,
  body: MarkdownSchema.default(''),
});

export const NameSuggestionSchema = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  flagBit: z.number().int(),
  flag: z.string().describe('The flag’s name when the suggestion was made.'),
  name: z.string(),
  reason: z.string(),
  votes: z.number().int(),
  voted: z.boolean().describe('Whether the caller has voted for it.'),
  adoptedInRevision: z.number().int().nullable(),
  author: UserRefSchema,
  createdAt: TimestampSchema,
});

export const CreateNameSuggestionBodySchema = z.strictObject({
  flag: z.string().max(32).describe('Current name of the flag (in the latest revision).'),
  name: z.string().max(64).describe('Suggested name; validated like any flag name.'),
  reason: oneLineText()
    .max(500)
    .default('')
    .describe('Why this name, in one line (it is shown in lists and tables).'),
});

export type Comment = z.output<typeof CommentSchema>;
export type Verdict = z.output<typeof VerdictSchema>;
export type Review = z.output<typeof ReviewSchema>;
export type NameSuggestion = z.output<typeof NameSuggestionSchema>;
