import { z } from 'zod';
import { IdSchema, INT4_MAX } from './common';

/** The filters of the audit log, shared by GET /api/events and its Atom feed. */
export const EventFilterSchema = z.strictObject({
  type: z.string().max(64).optional().describe('"review" (prefix) or "review.created" (exact).'),
  proposal: IdSchema.optional(),
  revision: IdSchema.optional().describe('Revision database id.'),
  release: z.coerce.number().int().min(0).max(INT4_MAX).optional().describe('Release number.'),
  actor: z.string().max(39).optional().describe('Actor name.'),
});
