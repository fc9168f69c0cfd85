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

/**
 * Which X-Forwarded-For hops to believe: "off" (none: the socket's address is
 * the client), a number of proxies in front of the API (the web app is one), or
 * a comma-separated list of proxy addresses or CIDR ranges. Trusting every hop
 * ("on") would let any client claim any address, so it is refused.
 */
export type TrustProxy = false | number | string[];

function parseTrustProxy(raw: string, ctx: z.RefinementCtx): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (['', 'off', 'false', 'no', '0'].includes(value)) return false;
  if (/^[1-9]\d?$/.test(value)) return Number(value);
  if (['on', 'true', 'yes'].includes(value)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'trusting every hop lets any client claim any address: give the number of proxies in front of the API (the web app alone is 1) or their addresses',
    });
    return z.NEVER;
  }
  const addresses = value.split(',').map((a) => a.trim());
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?$/;
  if (addresses.every((a) => address.test(a))) return addresses;
  ctx.addIssue({
    code: 'custom',
    message: 'must be off, a number of proxy hops, or a comma-separated list of addresses',
  });
  return z.NEVER;
}

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
  /** auto: readable lines on a terminal, JSON otherwise and whenever NODE_ENV=production. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  DUST_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  DUST_RATE_LIMIT_WRITES: z.coerce.number().int().min(1).default(300),
  DUST_RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(10),
  DUST_SECURE_COOKIES: flag.optional(),
  DUST_TRUST_PROXY: z.string().default('off').transform(parseTrustProxy),
  DUST_BUILD_WORKER: flag.default(true),
  DUST_BUILD_LEASE_SECONDS: z.coerce.number().int().min(5).default(120),
  DUST_BUILD_POLL_MS: z.coerce.number().int().min(50).default(2000),
  /** Length of a final comment period; fractions allowed (0.001 h is 3.6 s, for tests). */
  DUST_FCP_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(240),
  /** on: a direct approval needs a final comment period on that revision that ran out. */
  DUST_REQUIRE_FCP: flag.default(false),
  GITHUB_TOKEN: z.string().min(1).optional(),
  GITHUB_REPO: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"')
    .optional(),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  GITHUB_OAUTH_CLIENT_ID: z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/, 'must be printable ASCII')
    .optional(),
  GITHUB_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  GITHUB_MAINTAINERS_TEAM: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/, 'must be "org/team-slug"')
    .optional(),
  /** The web origin as visitors reach it (https://dust.example): OAuth's callback lives there. */
  DUST_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((u) => new URL(u).origin)
    .optional(),
  /** Worker process only: a file touched while the worker is alive and reaches the database. */
  DUST_WORKER_HEALTH_FILE: z.string().min(1).optional(),
  DUST_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, 'must be smtp://host:port or smtps://user:password@host:port')
    .optional(),
  DUST_MAIL_FROM: z.string().min(3).optional(),
  DUST_LIST_ADDRESS: z.string().min(3).optional(),
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
  /** pretty: one readable line per entry (terminals); json: one JSON object per line. */
  logFormat: LogFormat;
  /** Largest accepted request body, bytes. */
  bodyLimit: number;
  rateLimit: { writesPerMinute: number; loginPerMinute: number };
  /** Set the Secure attribute on session cookies (default: on when NODE_ENV=production). */
  secureCookies: boolean;
  /** X-Forwarded-For hops to believe (DUST_TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** Run the build worker in this process. */
  buildWorker: boolean;
  /** A running job whose worker stops renewing its lease this long is queued again. */
  buildWorkerLeaseSeconds: number;
  buildWorkerPollMs: number;
  /** How long a final comment period lasts, hours (docs/design.md, "Review workflow"). */
  fcpHours: number;
  /** A direct approval needs a final comment period on that revision that ran out. */
  requireFcp: boolean;
  /** Publish approved series to GitHub and take verdicts by webhook (all of GITHUB_* set). */
  github?: { token: string; repo: string; apiUrl: string; webhookSecret: string };
  /** Sign in with GitHub (GITHUB_OAUTH_CLIENT_ID and _SECRET set; needs DUST_PUBLIC_URL). */
  githubOAuth?: GitHubOAuthConfig;
  /** The web origin visitors reach (DUST_PUBLIC_URL), for absolute links; undefined: not set. */
  publicUrl: string | undefined;
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

export type LogFormat = 'pretty' | 'json';

export interface GitHubOAuthConfig {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  /** Origin of the web app; the callback is <publicUrl>/api/auth/github/callback. */
  publicUrl: string;
  /** Members of this team are maintainers (checked at every sign-in); null: nobody is by team. */
  maintainersTeam: { org: string; team: string } | null;
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

function mailConfig(e: Env): MailConfig | undefined {
  const vars = {
    DUST_SMTP_URL: e.DUST_SMTP_URL,
    DUST_MAIL_FROM: e.DUST_MAIL_FROM,
    DUST_LIST_ADDRESS: e.DUST_LIST_ADDRESS,
    DUST_PUBLIC_URL: e.DUST_PUBLIC_URL,
  };
  // DUST_PUBLIC_URL also serves GitHub sign-in: the three mail settings turn mail on.
  const set = Object.entries(vars).filter(([k, v]) => k !== 'DUST_PUBLIC_URL' && v !== undefined);
  if (set.length === 0) {
    if (e.DUST_LORE_URL) {
      throw new ConfigError(
        'Invalid environment:\n  DUST_LORE_URL needs mail on (DUST_SMTP_URL …)',
      );
    }
    return undefined;
  }
  if (set.length < 3 || !e.DUST_PUBLIC_URL) {
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

type Env = z.infer<typeof EnvSchema>;

/**
 * An empty variable counts as unset: compose files pass `${SECRET:-}` through as
 * "" when the operator leaves it out, and that must mean "not configured".
 */
function withoutEmpty(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

function parseEnv(env: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  requireTogether(e, ['GITHUB_TOKEN', 'GITHUB_REPO', 'GITHUB_WEBHOOK_SECRET']);
  requireTogether(e, ['GITHUB_OAUTH_CLIENT_ID', 'GITHUB_OAUTH_CLIENT_SECRET']);
  if (e.GITHUB_OAUTH_CLIENT_ID && !e.DUST_PUBLIC_URL) {
    throw new ConfigError(
      'Invalid environment:\n  DUST_PUBLIC_URL: GitHub sign-in needs the web origin for its callback URL',
    );
  }
  if (e.GITHUB_MAINTAINERS_TEAM && !e.GITHUB_OAUTH_CLIENT_ID) {
    throw new ConfigError(
      'Invalid environment:\n  GITHUB_MAINTAINERS_TEAM needs GitHub sign-in (GITHUB_OAUTH_CLIENT_ID, GITHUB_OAUTH_CLIENT_SECRET)',
    );
  }
  return e;
}

function requireTogether(e: Env, keys: (keyof Env)[]): void {
  const set = keys.filter((k) => Boolean(e[k]));
  if (set.length > 0 && set.length < keys.length) {
    throw new ConfigError(`Invalid environment:\n  ${keys.join(', ')} must be set together`);
  }
}

function logFormatOf(e: Env, stdoutIsTty: boolean): LogFormat {
  if (e.LOG_FORMAT !== 'auto') return e.LOG_FORMAT;
  return stdoutIsTty && e.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

function githubOf(e: Env): Config['github'] {
  return e.GITHUB_TOKEN && e.GITHUB_REPO && e.GITHUB_WEBHOOK_SECRET
    ? {
        token: e.GITHUB_TOKEN,
        repo: e.GITHUB_REPO,
        apiUrl: e.GITHUB_API_URL,
        webhookSecret: e.GITHUB_WEBHOOK_SECRET,
      }
    : undefined;
}

function githubOAuthOf(e: Env): GitHubOAuthConfig | undefined {
  if (!e.GITHUB_OAUTH_CLIENT_ID || !e.GITHUB_OAUTH_CLIENT_SECRET || !e.DUST_PUBLIC_URL) {
    return undefined;
  }
  const [org, team] = e.GITHUB_MAINTAINERS_TEAM?.split('/') ?? [];
  return {
    clientId: e.GITHUB_OAUTH_CLIENT_ID,
    clientSecret: e.GITHUB_OAUTH_CLIENT_SECRET,
    apiUrl: e.GITHUB_API_URL,
    publicUrl: e.DUST_PUBLIC_URL,
    maintainersTeam: org && team ? { org, team } : null,
  };
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty = process.stdout.isTTY === true,
): Config {
  const set = withoutEmpty(env);
  const e = parseEnv(set);
  const github = githubOf(e);
  const githubOAuth = githubOAuthOf(e);
  const base = e.INIT_CWD ?? process.cwd();
  const dataDir =
    set.DUST_DATA_DIR === undefined
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
    logFormat: logFormatOf(e, stdoutIsTty),
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
    fcpHours: e.DUST_FCP_HOURS,
    requireFcp: e.DUST_REQUIRE_FCP,
    ...(github ? { github } : {}),
    ...(githubOAuth ? { githubOAuth } : {}),
    publicUrl: e.DUST_PUBLIC_URL,
    mail: mailConfig(e),
    mailWorker: e.DUST_MAIL_WORKER,
    mailWorkerPollMs: e.DUST_MAIL_POLL_MS,
    mailRetrySeconds: e.DUST_MAIL_RETRY_SECONDS,
    lorePollSeconds: e.DUST_LORE_POLL_SECONDS,
    mailMaxBytes: e.DUST_MAIL_MAX_BYTES,
  };
}

/** The build worker process (`npm run start:worker`): no HTTP server, PostgreSQL only. */
export interface WorkerConfig {
  database: { kind: 'postgres'; url: string };
  logLevel: Config['logLevel'];
  logFormat: LogFormat;
  leaseSeconds: number;
  pollMs: number;
  github?: NonNullable<Config['github']>;
  /** Touched while the worker runs and reaches the database (the container's healthcheck). */
  healthFile: string | null;
  /** The mail worker runs beside the build worker when mail is on and DUST_MAIL_WORKER is on. */
  mail: MailConfig | undefined;
  mailWorker: boolean;
  mailWorkerPollMs: number;
  mailRetrySeconds: number;
  lorePollSeconds: number;
}

export function loadWorkerConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty = process.stdout.isTTY === true,
): WorkerConfig {
  const e = parseEnv(withoutEmpty(env));
  if (!e.DATABASE_URL) {
    // PGlite is one process's database: a second process cannot open it beside the API.
    throw new ConfigError(
      'Invalid environment:\n  DATABASE_URL: the worker process needs PostgreSQL; with the embedded database the API runs the build worker itself (DUST_BUILD_WORKER=on)',
    );
  }
  const github = githubOf(e);
  return {
    database: { kind: 'postgres', url: e.DATABASE_URL },
    logLevel: e.LOG_LEVEL,
    logFormat: logFormatOf(e, stdoutIsTty),
    leaseSeconds: e.DUST_BUILD_LEASE_SECONDS,
    pollMs: e.DUST_BUILD_POLL_MS,
    ...(github ? { github } : {}),
    healthFile: e.DUST_WORKER_HEALTH_FILE ?? null,
    mail: mailConfig(e),
    mailWorker: e.DUST_MAIL_WORKER,
    mailWorkerPollMs: e.DUST_MAIL_POLL_MS,
    mailRetrySeconds: e.DUST_MAIL_RETRY_SECONDS,
    lorePollSeconds: e.DUST_LORE_POLL_SECONDS,
  };
}

type EnvKey = keyof typeof EnvSchema.shape;

/** Set by npm or by the test suite, never by a deployment. */
const LOCAL_ONLY_KEYS: readonly EnvKey[] = ['INIT_CWD', 'DUST_TEST_DATABASE_URL'];

/** What the worker process reads (loadWorkerConfig); the kernel test adds its own (@dust/kernel). */
export const WORKER_ENV_KEYS: readonly EnvKey[] = [
  'DATABASE_URL',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'NODE_ENV',
  'DUST_BUILD_LEASE_SECONDS',
  'DUST_BUILD_POLL_MS',
  'GITHUB_TOKEN',
  'GITHUB_REPO',
  'GITHUB_API_URL',
  'GITHUB_WEBHOOK_SECRET',
  'DUST_WORKER_HEALTH_FILE',
  'DUST_SMTP_URL',
  'DUST_MAIL_FROM',
  'DUST_LIST_ADDRESS',
  'DUST_PUBLIC_URL',
  'DUST_LORE_URL',
  'DUST_LORE_POLL_SECONDS',
  'DUST_MAIL_WORKER',
  'DUST_MAIL_POLL_MS',
  'DUST_MAIL_RETRY_SECONDS',
];

/** Every variable the API server reads: a deployment's api service sets each (docker-compose.yml). */
export const API_ENV_KEYS: readonly EnvKey[] = (Object.keys(EnvSchema.shape) as EnvKey[]).filter(
  (key) => !LOCAL_ONLY_KEYS.includes(key) && key !== 'DUST_WORKER_HEALTH_FILE',
);

/** Server in which the test suite creates (and drops) its own databases. */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return EnvSchema.shape.DUST_TEST_DATABASE_URL.parse(env.DUST_TEST_DATABASE_URL);
}
