import {
  DEFAULT_FORK_POLICY,
  type Flag,
  GROUPING_SCHEMA_ID,
  type Grouping,
  type Policy,
} from '../grouping';

/**
 * The happy path of `GroupingSchema.parse`, hand-written because it runs on
 * every keystroke of the web editor and every API submit: it accepts only
 * plain JSON data that the schema certainly accepts and returns the same copy
 * the schema would. Anything unusual returns undefined, and the caller lets zod
 * parse (and explain) it. test/fast-parse.test.ts holds it to zod's answers.
 */
export function fastParseGrouping(input: unknown): Grouping | undefined {
  if (!isPlainObject(input)) return undefined;
  const { schema, kernel, policy, flags } = input;
  if (!hasExactKeys(input, policy === undefined ? 3 : 4, ROOT_KEYS)) return undefined;
  if (schema !== GROUPING_SCHEMA_ID || typeof kernel !== 'string' || !Array.isArray(flags))
    return undefined;
  const parsedPolicy = parsePolicy(policy);
  if (!parsedPolicy) return undefined;
  const parsedFlags: Flag[] = new Array(flags.length);
  for (let i = 0; i < flags.length; i++) {
    const flag = parseFlag(flags[i]);
    if (!flag) return undefined;
    parsedFlags[i] = flag;
  }
  return { schema, kernel, policy: parsedPolicy, flags: parsedFlags };
}

const ROOT_KEYS: ReadonlySet<string> = new Set(['schema', 'kernel', 'policy', 'flags']);
const FLAG_KEYS: ReadonlySet<string> = new Set(['name', 'bit', 'description', 'syscalls']);

function parsePolicy(policy: unknown): Policy | undefined {
  // Omitted policy or fork: the schema's defaults.
  if (policy === undefined) return { fork: DEFAULT_FORK_POLICY };
  if (!isPlainObject(policy)) return undefined;
  const { fork = DEFAULT_FORK_POLICY, exec } = policy;
  if (typeof fork !== 'string' || (exec !== undefined && typeof exec !== 'string'))
    return undefined;
  const keys = (policy.fork === undefined ? 0 : 1) + (exec === undefined ? 0 : 1);
  if (!hasExactKeys(policy, keys, POLICY_KEYS)) return undefined;
  return exec === undefined ? { fork } : { fork, exec };
}
const POLICY_KEYS: ReadonlySet<string> = new Set(['fork', 'exec']);

function parseFlag(flag: unknown): Flag | undefined {
  if (!isPlainObject(flag) || !hasExactKeys(flag, 4, FLAG_KEYS)) return undefined;
  const { name, bit, description, syscalls } = flag;
  if (typeof name !== 'string' || typeof description !== 'string') return undefined;
  if (typeof bit !== 'number' || !Number.isSafeInteger(bit) || !Array.isArray(syscalls))
    return undefined;
  const copy: string[] = new Array(syscalls.length);
  for (let j = 0; j < syscalls.length; j++) {
    const syscall: unknown = syscalls[j];
    if (typeof syscall !== 'string') return undefined;
    copy[j] = syscall;
  }
  return { name, bit, description, syscalls: copy };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Exactly `count` own enumerable keys, all from `allowed` (and no "__proto__" own key). */
function hasExactKeys(value: object, count: number, allowed: ReadonlySet<string>): boolean {
  let n = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !allowed.has(key)) return false;
    n++;
  }
  return n === count;
}
