// docker-compose.yml, checked two ways without a Docker engine: Debian's
// docker-compose 1.29 validates and renders it (`docker-compose config`), and
// the rendered environment of each service is compared key by key with the
// config schemas and then loaded by them, so the file and the code cannot drift.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { API_ENV_KEYS, loadConfig, loadWorkerConfig, WORKER_ENV_KEYS } from '@dust/api/config';
import { KERNEL_ENV_KEYS } from '@dust/kernel/test/config';
import { loadWebConfig, WEB_ENV_KEYS } from '@dust/web/src/config';
import { parse } from 'yaml';
import { REPO_ROOT } from './read-dockerfile';

const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | number | boolean | null>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  command?: unknown;
  working_dir?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

/** `docker-compose config` on a file, with only `env` (and PATH) in its environment. */
function composeConfig(file: string, env: Record<string, string> = {}) {
  const result = spawnSync('docker-compose', ['-f', file, 'config'], {
    cwd: path.dirname(file),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function renderedServices(env: Record<string, string> = {}): Record<string, Service> {
  const result = composeConfig(COMPOSE_FILE, env);
  assert.equal(result.status, 0, result.stderr);
  return (parse(result.stdout) as ComposeFile).services;
}

function envOf(service: Service | undefined): Record<string, string> {
  assert.ok(service?.environment, 'service has no environment');
  return Object.fromEntries(
    Object.entries(service.environment).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
}

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();

describe('docker-compose.yml as written', () => {
  const file = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;

  test('has postgres, api, worker and web, each built from its image in deploy/', () => {
    assert.deepEqual(Object.keys(file.services).sort(), ['api', 'postgres', 'web', 'worker']);
    for (const name of ['api', 'worker', 'web']) {
      const build = file.services[name]?.build;
      assert.equal(build?.context, '.');
      assert.equal(build?.dockerfile, `deploy/${name}.Dockerfile`);
      assert.ok(existsSync(path.join(REPO_ROOT, build.dockerfile)));
      assert.equal(file.services[name]?.command, undefined, `${name}: the image decides`);
      assert.equal(file.services[name]?.working_dir, undefined);
    }
  });

  test('postgres keeps its data in a named volume and reports health', () => {
    const postgres = file.services.postgres;
    assert.deepEqual(postgres?.volumes, ['pgdata:/var/lib/postgresql/data']);
    assert.ok(file.volumes && 'pgdata' in file.volumes);
    assert.match(JSON.stringify(postgres?.healthcheck?.test), /pg_isready/);
    assert.equal(file.services.api?.depends_on?.postgres?.condition, 'service_healthy');
    assert.equal(file.services.worker?.depends_on?.postgres?.condition, 'service_healthy');
  });

  test('mounts no source into any container', () => {
    for (const [name, service] of Object.entries(file.services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        const type = typeof volume === 'string' ? undefined : volume.type;
        assert.notEqual(type, 'bind', `${name}: bind mount`);
        assert.ok(source && !/^[./~$]/.test(source), `${name} mounts ${source} from the host`);
      }
    }
  });

  test('the API queues builds and the worker service runs them', () => {
    assert.equal(String(file.services.api?.environment?.DUST_BUILD_WORKER), 'off');
    assert.equal(file.services.api?.ports, undefined, 'the web gateway serves /api');
  });
});

describe('docker-compose config (Debian docker-compose 1.29)', { skip: !hasDockerCompose }, () => {
  test('accepts the file', () => {
    const result = composeConfig(COMPOSE_FILE);
    assert.equal(result.status, 0, result.stderr);
  });

  test('refuses a broken file (the check can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dust-compose-'));
    try {
      const broken = path.join(dir, 'docker-compose.yml');
      writeFileSync(broken, `name: dust\n${readFileSync(COMPOSE_FILE, 'utf8')}`);
      const result = composeConfig(broken);
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /name/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('each service sets exactly the variables its config schema reads', () => {
    const services = renderedServices();
    assert.deepEqual(sorted(Object.keys(envOf(services.api))), sorted(API_ENV_KEYS));
    assert.deepEqual(
      sorted(Object.keys(envOf(services.worker))),
      sorted([...WORKER_ENV_KEYS, ...KERNEL_ENV_KEYS]),
    );
    assert.deepEqual(sorted(Object.keys(envOf(services.web))), sorted(WEB_ENV_KEYS));
  });

  test('the config modules accept what compose passes, with the defaults', () => {
    const services = renderedServices();
    const api = loadConfig(envOf(services.api), false);
    assert.deepEqual(api.database, {
      kind: 'postgres',
      url: 'postgresql://dust:dust@postgres:5432/dust',
    });
    assert.equal(api.buildWorker, false);
    assert.equal(api.logFormat, 'json');
    assert.equal(api.host, '0.0.0.0');
    assert.equal(api.github, undefined);
    assert.equal(api.githubOAuth, undefined);
    assert.equal(api.bootstrapToken, undefined);
    const worker = loadWorkerConfig(envOf(services.worker), false);
    assert.deepEqual(worker.database, api.database);
    assert.equal(worker.healthFile, '/tmp/dust-worker-alive');
    const web = loadWebConfig(envOf(services.web));
    assert.equal(web.apiUrl, 'http://api:3001');
    assert.equal(web.webPort, 3000);
  });

  test('and with every optional feature configured from the shell', () => {
    const services = renderedServices({
      POSTGRES_PASSWORD: 'pw',
      DUST_BOOTSTRAP_TOKEN: 'bootstrap-token-0123456789',
      GITHUB_TOKEN: 'ghp_example',
      GITHUB_REPO: 'dust/linux',
      GITHUB_WEBHOOK_SECRET: 'webhook-secret-0123456789',
      GITHUB_OAUTH_CLIENT_ID: 'Iv1.example',
      GITHUB_OAUTH_CLIENT_SECRET: 'oauth-secret',
      GITHUB_MAINTAINERS_TEAM: 'dust-org/maintainers',
      DUST_PUBLIC_URL: 'https://dust.example',
    });
    const api = loadConfig(envOf(services.api), false);
    assert.equal(api.database.kind === 'postgres' && api.database.url.includes(':pw@'), true);
    assert.equal(api.github?.repo, 'dust/linux');
    assert.deepEqual(api.githubOAuth?.maintainersTeam, { org: 'dust-org', team: 'maintainers' });
    assert.equal(api.githubOAuth?.publicUrl, 'https://dust.example');
    assert.equal(api.bootstrapToken, 'bootstrap-token-0123456789');
    assert.equal(loadWorkerConfig(envOf(services.worker), false).github?.repo, 'dust/linux');
  });
});
