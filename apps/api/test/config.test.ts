import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API_ENV_KEYS,
  ConfigError,
  loadConfig,
  loadWorkerConfig,
  WORKER_ENV_KEYS,
} from '../src/config';
import { loggableUrl } from '../src/lib/logger-options';

const OAUTH = {
  GITHUB_OAUTH_CLIENT_ID: 'Iv1.0123456789abcdef',
  GITHUB_OAUTH_CLIENT_SECRET: 'secret',
  DUST_PUBLIC_URL: 'https://dust.example/',
};

test('LOG_FORMAT auto: readable on a terminal, JSON when piped or in production', () => {
  assert.equal(loadConfig({}, true).logFormat, 'pretty');
  assert.equal(loadConfig({}, false).logFormat, 'json');
  assert.equal(loadConfig({ NODE_ENV: 'production' }, true).logFormat, 'json');
  assert.equal(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat, 'pretty');
  assert.equal(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat, 'json');
  assert.throws(() => loadConfig({ LOG_FORMAT: 'xml' }), /LOG_FORMAT/);
});

test('GitHub sign-in needs its client id, secret and public URL together', () => {
  assert.equal(loadConfig({}).githubOAuth, undefined);
  const config = loadConfig({ ...OAUTH, GITHUB_MAINTAINERS_TEAM: 'torvalds-org/seccomp' });
  assert.deepEqual(config.githubOAuth, {
    clientId: OAUTH.GITHUB_OAUTH_CLIENT_ID,
    clientSecret: 'secret',
    apiUrl: 'https://api.github.com',
    publicUrl: 'https://dust.example',
    maintainersTeam: { org: 'torvalds-org', team: 'seccomp' },
  });
  assert.equal(loadConfig(OAUTH).githubOAuth?.maintainersTeam, null);
  assert.throws(
    () => loadConfig({ GITHUB_OAUTH_CLIENT_ID: 'x' }),
    (e: Error) => e instanceof ConfigError && /must be set together/.test(e.message),
  );
  assert.throws(
    () => loadConfig({ ...OAUTH, DUST_PUBLIC_URL: undefined }),
    /DUST_PUBLIC_URL: GitHub sign-in needs/,
  );
  assert.equal(loadConfig({ DUST_PUBLIC_URL: 'http://localhost:3000' }).githubOAuth, undefined);
  assert.throws(() => loadConfig({ GITHUB_MAINTAINERS_TEAM: 'org/team' }), /needs GitHub sign-in/);
  assert.throws(() => loadConfig({ ...OAUTH, GITHUB_MAINTAINERS_TEAM: 'justateam' }), /org\/team/);
  assert.throws(() => loadConfig({ ...OAUTH, DUST_PUBLIC_URL: 'javascript:alert(1)' }));
});

test('the worker process refuses the embedded database', () => {
  assert.throws(() => loadWorkerConfig({}), /needs PostgreSQL/);
  const config = loadWorkerConfig({
    DATABASE_URL: 'postgresql://dust@db/dust',
    DUST_WORKER_HEALTH_FILE: '/tmp/alive',
  });
  assert.deepEqual(config.database, { kind: 'postgres', url: 'postgresql://dust@db/dust' });
  assert.equal(config.healthFile, '/tmp/alive');
  assert.equal(config.github, undefined);
});

test('the key lists name deployment variables only', () => {
  assert.ok(API_ENV_KEYS.includes('DATABASE_URL'));
  assert.ok(API_ENV_KEYS.includes('GITHUB_MAINTAINERS_TEAM'));
  assert.ok(!API_ENV_KEYS.includes('DUST_TEST_DATABASE_URL'));
  assert.ok(!API_ENV_KEYS.includes('INIT_CWD'));
  assert.ok(!API_ENV_KEYS.includes('DUST_WORKER_HEALTH_FILE'));
  assert.ok(WORKER_ENV_KEYS.includes('DUST_WORKER_HEALTH_FILE'));
  assert.ok(!WORKER_ENV_KEYS.includes('API_PORT'));
});

test('OAuth codes and states never reach the log', () => {
  assert.equal(
    loggableUrl('/api/auth/github/callback?code=abc123&state=s3cr3t'),
    '/api/auth/github/callback?code=%5Bredacted%5D&state=%5Bredacted%5D',
  );
  assert.equal(loggableUrl('/api/proposals?status=open'), '/api/proposals?status=open');
  assert.equal(loggableUrl('/api/health'), '/api/health');
});

test('an empty variable counts as unset (compose passes an unset secret as "")', () => {
  const config = loadConfig({ DUST_BOOTSTRAP_TOKEN: '', GITHUB_TOKEN: '', DUST_DATA_DIR: '' });
  assert.equal(config.bootstrapToken, undefined);
  assert.equal(config.github, undefined);
  assert.deepEqual(config.database, loadConfig({}).database);
});

test('DUST_FCP_HOURS defaults to ten days and takes fractions; DUST_REQUIRE_FCP is off by default', () => {
  const config = loadConfig({});
  assert.equal(config.fcpHours, 240);
  assert.equal(config.requireFcp, false);
  assert.equal(loadConfig({ DUST_FCP_HOURS: '0.001' }).fcpHours, 0.001);
  assert.equal(loadConfig({ DUST_REQUIRE_FCP: 'on' }).requireFcp, true);
  assert.throws(() => loadConfig({ DUST_FCP_HOURS: '0' }), /DUST_FCP_HOURS/);
  assert.throws(() => loadConfig({ DUST_FCP_HOURS: 'soon' }), /DUST_FCP_HOURS/);
  assert.throws(() => loadConfig({ DUST_REQUIRE_FCP: 'maybe' }), /DUST_REQUIRE_FCP/);
});
