// Whether the web app's production build (apps/web/.next) is older than what it is
// built from. One answer for `npm start` (scripts/start.mjs) and the e2e stack
// (apps/web/test/e2e/stack.ts). Plain JavaScript: start.mjs runs without tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What `next build` reads, relative to the repository root: the web app and the workspaces it bundles. */
export const WEB_BUILD_SOURCES = [
  'apps/web/src',
  'apps/web/next.config.ts',
  'packages/contract/src',
  'packages/model/src',
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** True when there is no build, or a source changed since it was made. */
export function webBuildIsStale(repoRoot) {
  const buildId = join(repoRoot, 'apps/web/.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return WEB_BUILD_SOURCES.some((source) => newestMtime(join(repoRoot, source)) > built);
}
