// The one place that reads process.env: every setting is validated here, once, at boot.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  GITHUB_TOKEN: z.string().min(1).optional(),
  GITHUB_REPO: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"')
    .optional(),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GITHUB_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
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
  /** X-Forwarded-For hops to believe (DUST_TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** Run the build worker in this process. */
  buildWorker: boolean;
  /** A running job whose worker stops renewing its lease this long is queued again. */
  buildWorkerLeaseSeconds: number;
  buildWorkerPollMs: number;
  /** Publish approved series to GitHub and take verdicts by webhook (all of GITHUB_* set). */
  github?: { token: string; repo: string; apiUrl: string; webhookSecret: string };
}

export class ConfigError extends Error {}

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
