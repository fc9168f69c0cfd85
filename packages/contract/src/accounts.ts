import { EmailSchema, oneLineText } from '@dust/model';
import { z } from 'zod';
import { RoleSchema, TimestampSchema } from './common';

/** Account names appear in trailers and URLs: a conservative, GitHub-like alphabet. */
export const UserNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,37}[A-Za-z0-9])?$/,
    'letters, digits, "_", "." and "-", at most 39',
  )
  .describe('Account name (GitHub-like: letters, digits, "_", ".", "-").');

export const PasswordSchema = z.string().min(12, 'at least 12 characters').max(200);

export const CreateUserBodySchema = z.strictObject({
  name: UserNameSchema,
  role: RoleSchema,
  email: EmailSchema.optional().describe(
    'Used in From:, Signed-off-by: and Acked-by: lines; the renderer takes exactly what this accepts.',
  ),
  password: PasswordSchema.optional().describe(
    'Enables password login for the web (scrypt-hashed).',
  ),
});

export const UserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: RoleSchema,
  createdAt: TimestampSchema,
});

export const CreatedUserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: RoleSchema,
  token: z.string().describe('API token; shown once, stored hashed.'),
});

export const CreateTokenBodySchema = z.strictObject({
  name: oneLineText().max(100).default('').describe('What the token is for (one line).'),
});

export const TokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it.'),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});

export const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().describe('The token; shown once, stored hashed.'),
});

export const LoginBodySchema = z.strictObject({
  name: UserNameSchema,
  password: z.string().min(1).max(200),
});

export const MeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: RoleSchema,
  auth: z.enum(['token', 'session']),
  csrfToken: z
    .string()
    .nullable()
    .describe('For cookie sessions: send it as x-csrf-token on every write. Null for tokens.'),
});

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().max(200).optional().describe('Required when a password is set.'),
  password: PasswordSchema,
});

export const UserNameParamsSchema = z.strictObject({ name: UserNameSchema });

export type Me = z.output<typeof MeSchema>;
export type ApiToken = z.output<typeof TokenSchema>;
/** Who is signed in, as pages need it: GET /api/me without the session's credentials. */
export type Viewer = Pick<Me, 'id' | 'name' | 'role'>;
