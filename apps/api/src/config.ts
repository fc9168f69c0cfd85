// The one place that reads process.env: every setting is validated here, once, at boot.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emailProblem, oneLineTextProblem } from '@dust/model';
import { z } from 'zod';

/** Repository root (…/apps/api/src → …). The default data directory lives here. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const EnvSchema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DUST_DATA_DIR: z.string().min(1).default('.data'),
  DUST_BOOTSTRAP_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DUST_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  DUST_RATE_LIMIT_WRITES: z.coerce.number().int().min(1).default(300),
  DUST_RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(10),
  DUST_SECURE_COOKIES: flag.optional(),
  DUST_TRUST_PROXY: flag.default(false),
  DUST_BUILD_WORKER: flag.default(true),
  DUST_BUILD_LEASE_SECONDS: z.coerce.number().int().min(5).default(120),
  DUST_BUILD_POLL_MS: z.coerce.number().int().min(50).default(2000),
  GITHUB_TOKEN: z.string().min(1).optional(),
  GITHUB_REPO: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"')
    .optional(),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DUST_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, 'must be smtp://host:port or smtps://user:password@host:port')
    .optional(),
  DUST_MAIL_FROM: z.string().min(3).optional(),
  DUST_LIST_ADDRESS: z.string().min(3).optional(),
  DUST_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DUST_LORE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DUST_LORE_POLL_SECONDS: z.coerce.number().int().min(1).default(300),
  DUST_MAIL_WORKER: flag.default(true),
  DUST_MAIL_POLL_MS: z.coerce.number().int().min(50).default(2000),
  DUST_MAIL_RETRY_SECONDS: z.coerce.number().min(0.01).default(30),
  DUST_MAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  NODE_ENV: z.string().optional(),
  /** npm sets INIT_CWD to where `npm run` was typed; relative paths resolve against it. */
  INIT_CWD: z.string().optional(),
  /** Only for tests: the server that test databases are created in. */
  DUST_TEST_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//)
    .default('postgresql://postgres@127.0.0.1:5432/postgres'),
});

export type DatabaseConfig =
  | { kind: 'postgres'; url: string }
  /** dataDir null: in memory (tests). */
  | { kind: 'pglite'; dataDir: string | null };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  bootstrapToken: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  rateLimit: { writesPerMinute: number; loginPerMinute: number };
  /** Set the Secure attribute on session cookies (default: on when NODE_ENV=production). */
  secureCookies: boolean;
  trustProxy: boolean;
  /** Run the build worker in this process. */
  buildWorker: boolean;
  /** A running job whose worker stops renewing its lease this long is queued again. */
  buildWorkerLeaseSeconds: number;
  buildWorkerPollMs: number;
  /** Publish approved series to GitHub and take verdicts by webhook (all of GITHUB_* set). */
  github?: { token: string; repo: string; apiUrl: string; webhookSecret: string };
  /** Sending mail; undefined = mail is off. */
  mail: MailConfig | undefined;
  /** Run the mail worker (outbox, notifications, lore) in this process. */
  mailWorker: boolean;
  mailWorkerPollMs: number;
  /** First retry delay after a failed send; doubles up to an hour. */
  mailRetrySeconds: number;
  lorePollSeconds: number;
  /** Largest message POST /api/mail takes, bytes. */
  mailMaxBytes: number;
}

/** Mail (docs/design.md, "Mail"): on when DUST_SMTP_URL, DUST_MAIL_FROM, DUST_LIST_ADDRESS and DUST_PUBLIC_URL are set. */
export interface MailConfig {
  smtpUrl: string;
  from: { name: string; address: string };
  /** The mailing list series and RFC postings go to. */
  listAddress: string;
  /** Origin of the web app, without a trailing slash: links in mail point there. */
  publicUrl: string;
  /** A public-inbox inbox URL ending in "/": sent threads are followed there. */
  loreUrl: string | undefined;
}

export class ConfigError extends Error {}

function parseMailbox(value: string, what: string): { name: string; address: string } {
  const match = /^\s*(?:(.*?)\s*<([^<>]+)>|([^<>\s]+))\s*$/.exec(value);
  const name = (match?.[1] ?? '').replace(/^"(.*)"$/, '$1');
  const address = match?.[2] ?? match?.[3] ?? '';
  const why = emailProblem(address) ?? (name ? oneLineTextProblem(name) : undefined);
  if (!match || why) {
    throw new ConfigError(
      `Invalid environment:\n  ${what}: expected "Name <address>" or an address (the address ${why ?? 'is missing'})`,
    );
  }
  return { name, address };
}

function mailConfig(e: z.infer<typeof EnvSchema>): MailConfig | undefined {
  const vars = {
    DUST_SMTP_URL: e.DUST_SMTP_URL,
    DUST_MAIL_FROM: e.DUST_MAIL_FROM,
    DUST_LIST_ADDRESS: e.DUST_LIST_ADDRESS,
    DUST_PUBLIC_URL: e.DUST_PUBLIC_URL,
  };
  const set = Object.entries(vars).filter(([, v]) => v !== undefined);
  if (set.length === 0) {
    if (e.DUST_LORE_URL) {
      throw new ConfigError(
        'Invalid environment:\n  DUST_LORE_URL needs mail on (DUST_SMTP_URL …)',
      );
    }
    return undefined;
  }
  if (set.length < 4) {
    const missing = Object.keys(vars).filter((k) => vars[k as keyof typeof vars] === undefined);
    throw new ConfigError(
      `Invalid environment:\n  mail needs ${Object.keys(vars).join(', ')} together; missing ${missing.join(', ')}`,
    );
  }
  const list = parseMailbox(e.DUST_LIST_ADDRESS as string, 'DUST_LIST_ADDRESS');
  return {
    smtpUrl: e.DUST_SMTP_URL as string,
    from: parseMailbox(e.DUST_MAIL_FROM as string, 'DUST_MAIL_FROM'),
    listAddress: list.address,
    publicUrl: (e.DUST_PUBLIC_URL as string).replace(/\/+$/, ''),
    loreUrl: e.DUST_LORE_URL ? `${e.DUST_LORE_URL.replace(/\/+$/, '')}/` : undefined,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const githubVars = [e.GITHUB_TOKEN, e.GITHUB_REPO, e.GITHUB_WEBHOOK_SECRET];
  if (githubVars.some(Boolean) && !githubVars.every(Boolean)) {
    throw new ConfigError(
      'Invalid environment:\n  GITHUB_TOKEN, GITHUB_REPO and GITHUB_WEBHOOK_SECRET must be set together',
    );
  }
  const base = e.INIT_CWD ?? process.cwd();
  const dataDir =
    env.DUST_DATA_DIR === undefined
      ? path.join(REPO_ROOT, '.data')
      : path.resolve(base, e.DUST_DATA_DIR);
  return {
    port: e.API_PORT,
    host: e.API_HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir },
    bootstrapToken: e.DUST_BOOTSTRAP_TOKEN,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.DUST_BODY_LIMIT,
    rateLimit: {
      writesPerMinute: e.DUST_RATE_LIMIT_WRITES,
      loginPerMinute: e.DUST_RATE_LIMIT_LOGIN,
    },
    secureCookies: e.DUST_SECURE_COOKIES ?? e.NODE_ENV === 'production',
    trustProxy: e.DUST_TRUST_PROXY,
    buildWorker: e.DUST_BUILD_WORKER,
    buildWorkerLeaseSeconds: e.DUST_BUILD_LEASE_SECONDS,
    buildWorkerPollMs: e.DUST_BUILD_POLL_MS,
    mail: mailConfig(e),
    mailWorker: e.DUST_MAIL_WORKER,
    mailWorkerPollMs: e.DUST_MAIL_POLL_MS,
    mailRetrySeconds: e.DUST_MAIL_RETRY_SECONDS,
    lorePollSeconds: e.DUST_LORE_POLL_SECONDS,
    mailMaxBytes: e.DUST_MAIL_MAX_BYTES,
    ...(e.GITHUB_TOKEN && e.GITHUB_REPO && e.GITHUB_WEBHOOK_SECRET
      ? {
          github: {
            token: e.GITHUB_TOKEN,
            repo: e.GITHUB_REPO,
            apiUrl: e.GITHUB_API_URL,
            webhookSecret: e.GITHUB_WEBHOOK_SECRET,
          },
        }
      : {}),
  };
}

/** Server in which the test suite creates (and drops) its own databases. */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return EnvSchema.shape.DUST_TEST_DATABASE_URL.parse(env.DUST_TEST_DATABASE_URL);
}
