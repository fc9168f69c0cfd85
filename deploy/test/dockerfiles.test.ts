// The images cannot be built here (no Docker engine), so their invariants are
// checked on the parsed Dockerfiles: multi-stage, production dependencies only
// in the final stage, a non-root user, a healthcheck, no source mounted, and
// every file, script and variable they name exists.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { API_ENV_KEYS, WORKER_ENV_KEYS } from '@dust/api/config';
import { KERNEL_ENV_KEYS } from '@dust/kernel/test/config';
import { WEB_ENV_KEYS } from '@dust/web/src/config';
import { type DockerStage, REPO_ROOT, readDockerfile } from './read-dockerfile';

const IMAGES = {
  api: { file: 'deploy/api.Dockerfile', command: 'apps/api/src/server.ts' },
  web: { file: 'deploy/web.Dockerfile', command: 'bin/start.ts' },
  worker: { file: 'deploy/worker.Dockerfile', command: 'apps/api/src/worker/main.ts' },
} as const;

/** Read by Node or Next.js themselves rather than by a config module. */
const RUNTIME_ENV = ['NODE_ENV', 'NEXT_TELEMETRY_DISABLED'];
const KNOWN_ENV = new Set<string>([
  ...API_ENV_KEYS,
  ...WORKER_ENV_KEYS,
  ...KERNEL_ENV_KEYS,
  ...WEB_ENV_KEYS,
  ...RUNTIME_ENV,
]);

function npmScripts(workspaceDir: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, workspaceDir, 'package.json'), 'utf8'));
  return pkg.scripts ?? {};
}

const WORKSPACE_DIRS: Record<string, string> = {
  '@dust/api': 'apps/api',
  '@dust/web': 'apps/web',
  '@dust/kernel': 'kernel',
};

/** Every `npm run X [-w W]` in RUN lines names a script that exists. */
function checkNpmRuns(stage: DockerStage) {
  for (const { keyword, args, line } of stage.instructions) {
    if (keyword !== 'RUN') continue;
    for (const match of args.matchAll(/npm run ([\w:-]+)(?: -w ([@\w/-]+))?/g)) {
      const [, script, workspace] = match;
      const dir = workspace ? WORKSPACE_DIRS[workspace] : '.';
      assert.ok(dir, `line ${line}: unknown workspace ${workspace}`);
      assert.ok(
        npmScripts(dir)[script as string],
        `line ${line}: no npm script "${script}" in ${dir}`,
      );
    }
  }
}

function finalStage(stages: DockerStage[]): DockerStage {
  const last = stages.at(-1);
  assert.ok(last, 'no FROM');
  return last;
}

for (const [name, image] of Object.entries(IMAGES)) {
  describe(`${image.file}`, () => {
    const { globalArgs, stages } = readDockerfile(image.file);
    const final = finalStage(stages);
    const keywords = final.instructions.map((i) => i.keyword);

    test('is multi-stage, from images it names with defaults', () => {
      assert.ok(stages.length >= 3, `${stages.length} stages`);
      const names = new Set<string>();
      for (const stage of stages) {
        const arg = /^\$\{?(\w+)\}?$/.exec(stage.image)?.[1];
        if (arg)
          assert.match(globalArgs[arg] ?? '', /^node:20-/, `ARG ${arg} needs a node:20 default`);
        else assert.ok(names.has(stage.image), `FROM ${stage.image}: not an earlier stage`);
        if (stage.name) names.add(stage.name);
        for (const i of stage.instructions) {
          if (i.flags.from !== undefined) {
            assert.ok(names.has(i.flags.from ?? ''), `line ${i.line}: --from=${i.flags.from}`);
          }
        }
      }
    });

    test('installs only production dependencies in the final stage, with npm ci', () => {
      const installs = final.instructions.filter(
        (i) => i.keyword === 'RUN' && /\bnpm (ci|install|i)\b/.test(i.args),
      );
      assert.ok(installs.length > 0, 'no npm ci in the final stage');
      for (const install of installs) {
        assert.match(install.args, /\bnpm ci\b/, `line ${install.line}: npm ci, not npm install`);
        assert.match(install.args, /--omit=dev\b/, `line ${install.line}: --omit=dev`);
      }
      // Nothing installed elsewhere is copied in wholesale.
      for (const i of final.instructions.filter((x) => x.keyword === 'COPY')) {
        assert.doesNotMatch(i.args, /node_modules/, `line ${i.line} copies node_modules`);
      }
    });

    test('runs as a non-root user', () => {
      const users = final.instructions.filter((i) => i.keyword === 'USER');
      const user = users.at(-1);
      assert.ok(user, 'no USER in the final stage');
      assert.doesNotMatch(user.args.trim(), /^(root|0)(:.*)?$/);
      const cmdAt = keywords.lastIndexOf('CMD');
      assert.ok(cmdAt > final.instructions.indexOf(user), 'USER must come before CMD');
      const runsAfterUser = final.instructions
        .slice(final.instructions.indexOf(user))
        .filter((i) => i.keyword === 'RUN');
      assert.deepEqual(
        runsAfterUser,
        [],
        'nothing runs after USER (installs as root, runs as user)',
      );
    });

    test('has a healthcheck that exists', () => {
      const checks = final.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      assert.equal(checks.length, 1);
      const check = checks[0]?.args ?? '';
      assert.match(check, /\bCMD\b/);
      assert.doesNotMatch(check, /^\s*NONE\b/i);
      for (const script of check.match(/[\w/-]+\.(?:mjs|ts|js)\b/g) ?? []) {
        assert.ok(existsSync(path.join(REPO_ROOT, script)), `${script} does not exist`);
      }
    });

    test('starts the right program, without npm in between, and mounts nothing', () => {
      const cmd = final.instructions.filter((i) => i.keyword === 'CMD').at(-1);
      assert.ok(cmd);
      const argv = JSON.parse(cmd.args) as string[];
      assert.equal(argv[0], 'node', 'node receives SIGTERM itself (npm would not pass it on)');
      assert.ok(argv.includes(image.command), cmd.args);
      const workdir = final.instructions.filter((i) => i.keyword === 'WORKDIR').at(-1)?.args;
      assert.ok(workdir);
      const program = path.posix.join(workdir, image.command).replace(/^\/app\//, '');
      assert.ok(existsSync(path.join(REPO_ROOT, program)), `${program} does not exist`);
      for (const i of stages.flatMap((s) => s.instructions)) {
        assert.ok(!('mount' in i.flags), `line ${i.line}: RUN --mount`);
        assert.notEqual(i.keyword, 'VOLUME', `line ${i.line}: VOLUME`);
        assert.notEqual(i.keyword, 'ADD', `line ${i.line}: ADD (use COPY)`);
      }
    });

    test('sets only variables that something reads, and npm scripts that exist', () => {
      for (const stage of stages) {
        for (const i of stage.instructions) {
          for (const key of Object.keys(i.env)) {
            assert.ok(KNOWN_ENV.has(key), `line ${i.line}: ENV ${key} is read by nothing`);
          }
        }
        checkNpmRuns(stage);
      }
    });

    if (name === 'worker') {
      test('holds the kernel toolchain: kernel:setup at build time, tini as PID 1', () => {
        assert.ok(final.instructions.some((i) => /npm run kernel:setup\b/.test(i.args)));
        assert.ok(final.instructions.some((i) => i.env.DUST_CACHE_DIR));
        const entrypoint = final.instructions.find((i) => i.keyword === 'ENTRYPOINT');
        assert.deepEqual(JSON.parse(entrypoint?.args ?? '[]'), ['/usr/bin/tini', '--']);
      });
    }
  });
}

test('the build context leaves out what the host built or installed, and secrets', () => {
  const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const pattern of ['**/node_modules', '**/.next', '**/src/generated', '.data', '.env']) {
    assert.ok(ignored.includes(pattern), `.dockerignore lacks ${pattern}`);
  }
});
