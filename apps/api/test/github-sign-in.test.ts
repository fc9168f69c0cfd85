// Sign in with GitHub, end to end against the local GitHub (recorded shapes):
// the browser's two requests (start, callback) through app.inject with a cookie
// jar, octokit's OAuth app doing the real token exchange and API calls over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DB_KINDS, type TestApp } from '../src/testing';
import { type FakeGitHub, startFakeGitHub } from './github/fake-server';

const PUBLIC_URL = 'http://dust.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/github/callback`;
const TEAM = { org: 'dust-org', team: 'maintainers' };

/** One browser: the cookies the API set on it, sent back on every request. */
class Browser {
  private readonly cookies = new Map<string, { value: string; path: string }>();
  constructor(private readonly t: TestApp) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    const path = new URL(url, PUBLIC_URL).pathname;
    const cookie = [...this.cookies]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const res = await this.t.app.inject({
      method: 'GET',
      url,
      headers: cookie ? { cookie } : {},
    });
    for (const c of res.cookies as {
      name: string;
      value: string;
      path?: string;
      maxAge?: number;
    }[]) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, { value: c.value, path: c.path ?? '/' });
    }
    return res;
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** Start → GitHub's authorize page (the person says yes) → callback. */
  async signIn(github: FakeGitHub, login: string, next = '/proposals') {
    const start = await this.get(`/api/auth/github?next=${encodeURIComponent(next)}`);
    assert.equal(start.statusCode, 302, start.body);
    const authorize = new URL(start.headers.location as string);
    const state = authorize.searchParams.get('state') as string;
    const code = github.oauth.issueCode(login, authorize.searchParams.get('redirect_uri') ?? '');
    return this.get(`/api/auth/github/callback?code=${code}&state=${encodeURIComponent(state)}`);
  }

  async me() {
    return (await this.get('/api/me')).json() as { name: string; role: string; auth: string };
  }
}

for (const kind of DB_KINDS) {
  describe(`Sign in with GitHub on ${kind}`, () => {
    let github: FakeGitHub;
    let t: TestApp;
    const team = () => {
      const members = github.oauth.teams.get(`${TEAM.org}/${TEAM.team}`);
      assert.ok(members);
      return members;
    };

    before(async () => {
      github = await startFakeGitHub();
      github.oauth.teams.set(`${TEAM.org}/${TEAM.team}`, new Map());
      for (const [id, login] of [
        [583231, 'octocat'],
        [9919, 'linus-t'],
        [1, 'mojombo'],
        [77, 'kees'],
      ] as const) {
        github.oauth.users.set(login, {
          id,
          login,
          name: null,
          email: `${login}@example.org`,
        });
      }
      t = await createTestApp(kind, {
        githubOAuth: {
          clientId: github.oauth.clientId,
          clientSecret: github.oauth.clientSecret,
          apiUrl: github.url,
          publicUrl: PUBLIC_URL,
          maintainersTeam: TEAM,
        },
      });
    });
    after(async () => {
      await t.close();
      await github.close();
    });

    test('the start redirects to GitHub with a fresh state, read:org and our callback', async () => {
      const methods = await t.app.inject({ method: 'GET', url: '/api/auth/methods' });
      assert.deepEqual(methods.json(), { password: true, github: true });
      const browser = new Browser(t);
      const start = await browser.get('/api/auth/github?next=/releases');
      assert.equal(start.statusCode, 302);
      const location = new URL(start.headers.location as string);
      assert.equal(location.origin + location.pathname, `${github.url}/login/oauth/authorize`);
      assert.equal(location.searchParams.get('client_id'), github.oauth.clientId);
      assert.equal(location.searchParams.get('redirect_uri'), CALLBACK);
      assert.equal(location.searchParams.get('scope'), 'read:org');
      assert.match(location.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{40,}$/);
      const cookie = String(start.headers['set-cookie']);
      assert.match(cookie, /^dust_github_oauth=/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\/api\/auth\/github/);
      const again = await new Browser(t).get('/api/auth/github');
      assert.notEqual(
        new URL(again.headers.location as string).searchParams.get('state'),
        location.searchParams.get('state'),
      );
    });

    test('a team member signs in as a maintainer and lands where they started', async () => {
      team().set('octocat', 'active');
      const browser = new Browser(t);
      const done = await browser.signIn(github, 'octocat', '/proposals?status=open');
      assert.equal(done.statusCode, 303, done.body);
      assert.equal(done.headers.location, '/proposals?status=open');
      assert.ok(browser.has('dust_session'));
      assert.ok(!browser.has('dust_github_oauth'), 'the state is used once');
      const me = await browser.me();
      assert.deepEqual([me.name, me.role, me.auth], ['octocat', 'maintainer', 'session']);
      const user = await t.app.prisma.user.findUniqueOrThrow({
        where: { name: 'octocat' },
        include: { githubAccount: true },
      });
      assert.equal(user.githubAccount?.githubId, 583231n);
      assert.equal(user.email, 'octocat@example.org');
      assert.deepEqual(github.oauth.grantedScopes.at(-1), 'read:org');
    });

    test('the role follows the team at every sign-in: a member who left loses it', async () => {
      team().delete('octocat');
      const browser = new Browser(t);
      assert.equal((await browser.signIn(github, 'octocat')).statusCode, 303);
      assert.equal((await browser.me()).role, 'contributor');
      team().set('octocat', 'pending');
      await browser.signIn(github, 'octocat');
      assert.equal((await browser.me()).role, 'contributor', 'an invitation is not membership');
      team().set('octocat', 'active');
      await browser.signIn(github, 'octocat');
      assert.equal((await browser.me()).role, 'maintainer');
      const changes = await t.app.prisma.event.findMany({
        where: { type: 'user.role-changed' },
        orderBy: { id: 'asc' },
      });
      assert.deepEqual(
        changes.map((e) => (e.data as { to: string; reason: string }).reason),
        ['joined-team', 'left-team', 'joined-team'],
      );
      // Still one account: linked by GitHub's user id.
      assert.equal(await t.app.prisma.gitHubAccount.count({ where: { githubId: 583231n } }), 1);
    });

    test('a renamed GitHub account stays the same Dust account', async () => {
      github.oauth.users.set('octocat-renamed', {
        id: 583231,
        login: 'octocat-renamed',
        name: null,
        email: null,
      });
      const browser = new Browser(t);
      await browser.signIn(github, 'octocat-renamed');
      assert.equal((await browser.me()).name, 'octocat');
      const account = await t.app.prisma.gitHubAccount.findUniqueOrThrow({
        where: { githubId: 583231n },
      });
      assert.equal(account.login, 'octocat-renamed');
    });

    test('an existing account of the same name is never taken over', async () => {
      const existing = await t.createUser('maintainer', {
        name: 'linus-t',
        password: 'a long passphrase here',
      });
      const browser = new Browser(t);
      await browser.signIn(github, 'linus-t');
      const me = await browser.me();
      assert.equal(me.name, 'linus-t-github');
      assert.equal(me.role, 'contributor');
      const untouched = await t.app.prisma.user.findUniqueOrThrow({ where: { id: existing.id } });
      assert.equal(untouched.role, 'maintainer');
    });

    test('signed in with a password, the first GitHub sign-in links that account', async () => {
      await t.createUser('contributor', { name: 'kees-cook', password: 'another long passphrase' });
      const browser = new Browser(t);
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { name: 'kees-cook', password: 'another long passphrase' },
      });
      const session = login.cookies.find((c) => c.name === 'dust_session')?.value;
      assert.ok(session);
      // The jar holds the password session, as a browser would.
      (browser as unknown as { cookies: Map<string, unknown> }).cookies.set('dust_session', {
        value: session,
        path: '/',
      });
      await browser.signIn(github, 'kees');
      assert.equal((await browser.me()).name, 'kees-cook');
      const linked = await t.app.prisma.gitHubAccount.findUniqueOrThrow({
        where: { githubId: 77n },
        include: { user: true },
      });
      assert.equal(linked.user.name, 'kees-cook');
    });

    test('an admin keeps the admin role whatever the team says', async () => {
      const admin = await t.app.prisma.user.findUniqueOrThrow({ where: { name: 'admin' } });
      await t.app.prisma.gitHubAccount.create({
        data: { githubId: 1n, login: 'mojombo', userId: admin.id },
      });
      const browser = new Browser(t);
      await browser.signIn(github, 'mojombo');
      assert.equal((await browser.me()).role, 'admin');
    });

    test('a code and state from another browser are refused (login CSRF)', async () => {
      const attacker = new Browser(t);
      const start = await attacker.get('/api/auth/github');
      const state = new URL(start.headers.location as string).searchParams.get('state') as string;
      const code = github.oauth.issueCode('octocat', CALLBACK);
      const victim = new Browser(t);
      await victim.get('/api/auth/github'); // the victim's own, different state
      const forged = await victim.get(`/api/auth/github/callback?code=${code}&state=${state}`);
      assert.equal(forged.statusCode, 400);
      assert.match(forged.headers['content-type'] as string, /^application\/problem\+json/);
      assert.equal(forged.json().type, 'urn:dust:problem:github-state-mismatch');
      assert.ok(!victim.has('dust_session'));
      const noCookie = await new Browser(t).get(
        `/api/auth/github/callback?code=${code}&state=${state}`,
      );
      assert.equal(noCookie.statusCode, 400);
      assert.equal(noCookie.json().type, 'urn:dust:problem:github-state-mismatch');
    });

    test('a used or unknown code is a 400 that names what to do', async () => {
      const browser = new Browser(t);
      const start = await browser.get('/api/auth/github');
      const state = new URL(start.headers.location as string).searchParams.get('state') as string;
      const res = await browser.get(`/api/auth/github/callback?code=not-a-code&state=${state}`);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().type, 'urn:dust:problem:github-code-invalid');
      assert.match(res.json().detail, /sign in again/);
      assert.doesNotMatch(res.body, new RegExp(github.oauth.clientSecret));
    });

    test('saying no on GitHub returns to the sign-in page', async () => {
      const browser = new Browser(t);
      const start = await browser.get('/api/auth/github?next=/releases');
      const state = new URL(start.headers.location as string).searchParams.get('state') as string;
      const res = await browser.get(
        `/api/auth/github/callback?error=access_denied&error_description=denied&state=${state}`,
      );
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/signin?github=denied&next=%2Freleases');
    });

    test('only same-origin paths are accepted as the place to return to', async () => {
      for (const next of [
        '//evil.example',
        '/\\evil.example',
        'https://evil.example/',
        '/a\r\nb',
      ]) {
        const res = await new Browser(t).get(`/api/auth/github?next=${encodeURIComponent(next)}`);
        assert.equal(res.statusCode, 400, next);
        assert.equal(res.json().type, 'urn:dust:problem:invalid-request');
      }
    });

    test('no verdict on the team membership: no sign-in, and no role change', async () => {
      team().set('octocat-renamed', 'active');
      await new Browser(t).signIn(github, 'octocat-renamed');
      const before = await t.app.prisma.user.findUniqueOrThrow({ where: { name: 'octocat' } });
      assert.equal(before.role, 'maintainer');
      github.oauth.membershipForbidden = true;
      try {
        const browser = new Browser(t);
        const res = await browser.signIn(github, 'octocat-renamed');
        assert.equal(res.statusCode, 502, res.body);
        assert.equal(res.json().type, 'urn:dust:problem:github-unavailable');
        assert.match(res.json().detail, /dust-org\/maintainers \(403\)/);
        assert.ok(!browser.has('dust_session'));
        const octocat = await t.app.prisma.user.findUniqueOrThrow({ where: { name: 'octocat' } });
        assert.equal(octocat.role, before.role);
      } finally {
        github.oauth.membershipForbidden = false;
      }
    });
  });
}

describe('Sign in with GitHub, not configured', () => {
  test('the methods say so and the routes answer 404 problems', async () => {
    const t = await createTestApp('pglite');
    try {
      const methods = await t.app.inject({ method: 'GET', url: '/api/auth/methods' });
      assert.deepEqual(methods.json(), { password: true, github: false });
      const start = await t.app.inject({ method: 'GET', url: '/api/auth/github' });
      assert.equal(start.statusCode, 404);
      assert.match(start.json().detail, /not configured/);
    } finally {
      await t.close();
    }
  });
});
