// GitHub's real response shapes, for the local server that stands in for GitHub
// in the tests: the examples of GitHub's own OpenAPI description
// (@octokit/openapi) and the responses @octokit/fixtures recorded from
// api.github.com. The fake fills in the few fields that carry its state (shas,
// numbers, URLs, logins) and may only overwrite fields the recording has, so a
// test can never pass against a response GitHub would not send.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; responses?: JsonObject }>>;
  components: { examples: Record<string, { value: Json }> };
}

let spec: OpenApi | undefined;
function openapi(): OpenApi {
  // 13 MB: read once, on first use.
  spec ??= JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
  ) as OpenApi;
  return spec;
}

/** The example GitHub's OpenAPI description gives for an operation's response. */
export function openapiExample(operationId: string, status: number, example?: string): Json {
  for (const methods of Object.values(openapi().paths)) {
    for (const operation of Object.values(methods)) {
      if (operation.operationId !== operationId) continue;
      const response = operation.responses?.[String(status)] as JsonObject | undefined;
      const content = (response?.content as JsonObject | undefined)?.['application/json'] as
        | JsonObject
        | undefined;
      const examples = (content?.examples ?? {}) as Record<string, { $ref?: string; value?: Json }>;
      const chosen = example ? examples[example] : Object.values(examples)[0];
      if (!chosen) break;
      if (chosen.value !== undefined) return structuredClone(chosen.value);
      const name = chosen.$ref?.replace('#/components/examples/', '') ?? '';
      const value = openapi().components.examples[name]?.value;
      if (value !== undefined) return structuredClone(value);
    }
  }
  throw new Error(`no ${status} example for ${operationId} in @octokit/openapi`);
}

interface RecordedExchange {
  method: string;
  path: string;
  status: number;
  response: Json;
}

/** A response that @octokit/fixtures recorded from api.github.com. */
export function recordedResponse(
  scenario: string,
  method: string,
  status: number,
  pathPattern?: RegExp,
): Json {
  const file = path.join(
    path.dirname(require.resolve('@octokit/fixtures/package.json')),
    'scenarios/api.github.com',
    scenario,
    'normalized-fixture.json',
  );
  const exchanges = JSON.parse(readFileSync(file, 'utf8')) as RecordedExchange[];
  const found = exchanges.find(
    (e) =>
      e.method === method.toLowerCase() &&
      e.status === status &&
      (!pathPattern || pathPattern.test(e.path)),
  );
  if (!found) throw new Error(`@octokit/fixtures ${scenario} has no ${method} ${status}`);
  return structuredClone(found.response);
}

/**
 * A recorded body with some fields set to this fake's state. Each override must
 * name a field the recording has (dotted paths for nested ones), with a value
 * of the same JSON type.
 */
export function shaped(recorded: Json, overrides: Record<string, Json>): JsonObject {
  if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded)) {
    throw new Error('shaped(): the recording is not an object');
  }
  const body = structuredClone(recorded);
  for (const [dotted, value] of Object.entries(overrides)) {
    const keys = dotted.split('.');
    let target: JsonObject = body;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) {
        throw new Error(`the recorded response has no object at ${dotted}`);
      }
      target = next;
    }
    const last = keys.at(-1) as string;
    if (!(last in target)) throw new Error(`the recorded response has no field ${dotted}`);
    const before = target[last] as Json;
    const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
    if (before !== null && value !== null && typeOf(before) !== typeOf(value)) {
      throw new Error(`${dotted} is a ${typeOf(before)} in the recording, not a ${typeOf(value)}`);
    }
    target[last] = value;
  }
  return body;
}

/** GitHub's error body ({message, documentation_url}), as recorded, with its message. */
export function recordedError(status: 401 | 403 | 404 | 422, message: string): JsonObject {
  const recorded =
    status === 422
      ? recordedResponse('errors', 'post', 422, /labels$/)
      : recordedResponse('branch-protection', 'get', 404);
  return shaped(recorded, { message });
}

export type { Json, JsonObject };
