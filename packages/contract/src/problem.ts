// RFC 9457 problem details: every error response of the API has this shape.
import { DiagnosticSchema } from '@dust/model';
import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .describe('URI identifying the problem kind; "about:blank" for plain HTTP errors.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    diagnostics: z.array(DiagnosticSchema).optional(),
    reason: z
      .string()
      .optional()
      .describe('Which check refused it, for problems that gather several (fcp-blocked).'),
    conflicts: z
      .array(z.unknown())
      .optional()
      .describe('Rebase conflicts (see @dust/model rebaseGrouping).'),
  })
  .describe('application/problem+json (RFC 9457)');
export type Problem = z.output<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
