// Sign in with GitHub (routes/auth): the OAuth web flow's query strings.
import { z } from 'zod';

/**
 * Where to go after signing in: a path on this site. Anything that a browser
 * could read as another origin ("//host", "/\host", a scheme) or that could
 * split a header (control characters) is refused.
 */
export const SameOriginPathSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\\\p{Cc}]*$/u, 'a path on this site, starting with a single "/"')
  .describe('A path on this site to return to after signing in.');

export const GitHubStartQuerySchema = z.strictObject({
  next: SameOriginPathSchema.optional(),
});

/** GitHub's redirect back: ?code&state, or ?error&error_description&error_uri&state. */
export const GitHubCallbackQuerySchema = z.object({
  code: z
    .string()
    .regex(/^[\w.-]{1,200}$/)
    .optional(),
  state: z.string().max(200).optional(),
  error: z
    .string()
    .regex(/^[a-z_]{1,50}$/)
    .optional(),
  error_description: z.string().max(500).optional(),
  error_uri: z.string().max(500).optional(),
});

export const AuthMethodsSchema = z.object({
  password: z.literal(true).describe('POST /api/session with a name and password.'),
  github: z
    .boolean()
    .describe('GET /api/auth/github starts "Sign in with GitHub" (when configured).'),
});
