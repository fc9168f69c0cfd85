// One authorisation table: every write route of /openapi.json × anonymous,
// a contributor, another contributor, the proposal's author, a maintainer and
// an admin. Each cell runs on state no earlier success has touched; a refused
// request must leave the database exactly as it was. A write route missing from the table fails the test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';
import { CLOCK, FILE_READ, grouping, TIMERS } from './fixtures';

const SPARE = ['dup', 'dup2', 'dup3', 'pipe', 'pipe2', 'getcwd', 'chdir', 'fchdir', 'umask'];
let spare = 0;

const ACTORS = ['anonymous', 'contributor', 'other', 'author', 'maintainer', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Cast = Record<Exclude<Actor, 'anonymous'>, TestUser>;

interface Fixture {
  proposal: number;
  concern: number;
  suggestion: number;
  token: number;
}

interface Row {
  route: string;
  /** The request, given the fresh fixture and the cast. */
  request: (f: Fixture, cast: Cast) => { url: string; payload?: object | string; type?: string };
  /** Fixture steps beyond the default one. */
  stale?: boolean;
  voted?: boolean;
  expect: Record<Actor, number>;
}

const everyone = (status: number, anonymous = 401): Record<Actor, number> => ({
  anonymous,
  contributor: status,
  other: status,
  author: status,
  maintainer: status,
  admin: status,
});

const TABLE: Row[] = [
  {
    route: 'POST /api/users',
    request: () => ({
      url: '/api/users',
      payload: { name: `new${Date.now()}`, role: 'contributor' },
    }),
    expect: { ...everyone(403), admin: 201 },
  },
  {
    route: 'POST /api/tokens',
    request: () => ({ url: '/api/tokens', payload: { name: 'ci' } }),
    expect: everyone(201),
  },
  {
    route: 'DELETE /api/tokens/{id}',
    request: (f) => ({ url: `/api/tokens/${f.token}` }),
    // Admins revoke any token; someone else's is "not found" to everyone else.
    expect: { ...everyone(404), contributor: 204, admin: 204 },
  },
  {
    route: 'POST /api/session',
    request: (_f, cast) => ({
      url: '/api/session',
      payload: { name: cast.contributor.name, password: 'a long enough password' },
    }),
    expect: everyone(200, 200),
  },
  {
    route: 'DELETE /api/session',
    request: () => ({ url: '/api/session' }),
    expect: everyone(204),
  },
  {
    route: 'PUT /api/me/password',
    request: () => ({ url: '/api/me/password', payload: { password: 'another long password' } }),
    // The contributor has a password: changing it needs the current one.
    expect: { ...everyone(204), contributor: 403 },
  },
  {
    route: 'POST /api/validate',
    request: () => ({ url: '/api/validate', payload: { grouping: grouping([FILE_READ]) } }),
    expect: everyone(200, 200),
  },
  {
    route: 'POST /api/proposals',
    request: () => ({
      url: '/api/proposals',
      payload: { title: 'Another', rationale: '', grouping: grouping([FILE_READ]) },
    }),
    expect: everyone(201),
  },
  {
    route: 'PATCH /api/proposals/{id}',
    request: (f) => ({ url: `/api/proposals/${f.proposal}`, payload: { title: 'Renamed' } }),
    expect: { ...everyone(403), author: 200 },
  },
  {
    route: 'PATCH /api/proposals/{id} (withdraw)',
    request: (f) => ({ url: `/api/proposals/${f.proposal}`, payload: { status: 'withdrawn' } }),
    expect: { ...everyone(403), author: 200 },
  },
  {
    route: 'PATCH /api/proposals/{id} (reject)',
    request: (f) => ({ url: `/api/proposals/${f.proposal}`, payload: { status: 'rejected' } }),
    expect: { ...everyone(403), maintainer: 200, admin: 200 },
  },
  {
    route: 'POST /api/proposals/{id}/revisions',
    request: (f) => ({
      url: `/api/proposals/${f.proposal}/revisions`,
      payload: { grouping: grouping([FILE_READ, TIMERS]), changelog: 'More' },
    }),
    expect: { ...everyone(403), author: 201 },
  },
  {
    route: 'POST /api/proposals/{id}/revisions/{n}/rebase',
    stale: true,
    request: (f) => ({ url: `/api/proposals/${f.proposal}/revisions/1/rebase` }),
    expect: { ...everyone(403), author: 201, maintainer: 201, admin: 201 },
  },
  {
    route: 'POST /api/proposals/{id}/revisions/{n}/approve',
    request: (f) => ({ url: `/api/proposals/${f.proposal}/revisions/1/approve` }),
    // The open concern blocks approval for everyone who may approve.
    expect: { ...everyone(403), maintainer: 409, admin: 409 },
  },
  {
    route: 'POST /api/proposals/{id}/revisions/{n}/fcp',
    request: (f) => ({
      url: `/api/proposals/${f.proposal}/revisions/1/fcp`,
      payload: { disposition: 'approve' },
    }),
    // The open concern blocks a final comment period for everyone who may start one.
    expect: { ...everyone(403), maintainer: 409, admin: 409 },
  },
  {
    route: 'POST /api/proposals/{id}/revisions/{n}/fcp (reject)',
    request: (f) => ({
      url: `/api/proposals/${f.proposal}/revisions/1/fcp`,
      payload: { disposition: 'reject' },
    }),
    expect: { ...everyone(403), maintainer: 409, admin: 409 },
  },
  {
    route: 'DELETE /api/proposals/{id}/fcp',
    // None is running on the fixture: those who may cancel one learn that (404).
    request: (f) => ({ url: `/api/proposals/${f.proposal}/fcp` }),
    expect: { ...everyone(403), maintainer: 404, admin: 404 },
  },
  {
    route: 'POST /api/proposals/{id}/comments',
    request: (f) => ({ url: `/api/proposals/${f.proposal}/comments`, payload: { body: 'Hm.' } }),
    expect: everyone(201),
  },
  {
    route: 'POST /api/proposals/{id}/revisions/{n}/reviews',
    request: (f) => ({
      url: `/api/proposals/${f.proposal}/revisions/1/reviews`,
      payload: { verdict: 'ack' },
    }),
    expect: { ...everyone(201), author: 403 },
  },
  {
    route: 'POST /api/reviews/{id}/resolve',
    request: (f) => ({ url: `/api/reviews/${f.concern}/resolve` }),
    expect: { ...everyone(403), contributor: 200 },
  },
  {
    route: 'POST /api/proposals/{id}/name-suggestions',
    request: (f) => ({
      url: `/api/proposals/${f.proposal}/name-suggestions`,
      payload: { flag: 'FILE_READ', name: 'FILES_READ' },
    }),
    expect: everyone(201),
  },
  {
    route: 'POST /api/name-suggestions/{id}/votes',
    request: (f) => ({ url: `/api/name-suggestions/${f.suggestion}/votes` }),
    expect: everyone(201),
  },
  {
    route: 'DELETE /api/name-suggestions/{id}/votes',
    voted: true,
    request: (f) => ({ url: `/api/name-suggestions/${f.suggestion}/votes` }),
    // Withdrawing a vote one has not given is a no-op.
    expect: everyone(200),
  },
  {
    route: 'POST /api/name-suggestions/{id}/adopt',
    request: (f) => ({ url: `/api/name-suggestions/${f.suggestion}/adopt` }),
    expect: { ...everyone(403), author: 201 },
  },
  {
    route: 'POST /api/mail',
    // A message that answers nothing Dust sent: taken in as "ignored", and nothing stored.
    request: () => ({
      url: '/api/mail',
      type: 'message/rfc822',
      payload: [
        'From: Someone <someone@example.org>',
        'To: list@example.org',
        `Message-Id: <authz-${Date.now()}-${Math.random()}@example.org>`,
        'Subject: unrelated',
        '',
        'Hello.',
        '',
      ].join('\r\n'),
    }),
    expect: { ...everyone(403), maintainer: 200, admin: 200 },
  },
  {
    route: 'POST /api/unsubscribe/{token}',
    // The token is the credential: an unknown one is not found for everyone.
    request: () => ({ url: '/api/unsubscribe/not-a-known-token-0000', payload: {} }),
    expect: everyone(404, 404),
  },
  {
    route: 'PATCH /api/me',
    request: () => ({ url: '/api/me', payload: { mailNotifications: false } }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/me/notifications/seen',
    request: () => ({ url: '/api/me/notifications/seen', payload: { upTo: 0 } }),
    expect: everyone(204),
  },
  {
    route: 'POST /api/proposals/{id}/revisions/{n}/post',
    // Mail is off in the test app: those who may post learn that (409); nobody else does.
    request: (f) => ({ url: `/api/proposals/${f.proposal}/revisions/1/post` }),
    expect: { ...everyone(403), author: 409, maintainer: 409, admin: 409 },
  },
  {
    route: 'POST /api/github/webhook',
    // Not configured here: the route answers as if it did not exist.
    request: () => ({ url: '/api/github/webhook', payload: {} }),
    expect: everyone(404, 404),
  },
];

describe('authorisation table (PGlite)', () => {
  let t: TestApp;
  let cast: Cast;

  before(async () => {
    t = await createTestApp('pglite');
    const password = 'a long enough password';
    cast = {
      contributor: await t.createUser('contributor', { password }),
      other: await t.createUser('contributor'),
      author: await t.createUser('contributor'),
      maintainer: await t.createUser('maintainer'),
      admin: t.admin,
    };
  });
  after(() => t.close());

  const send = (
    method: string,
    url: string,
    user: TestUser | null,
    payload?: object | string,
    type?: string,
  ) =>
    t.app.inject({
      method: method as 'POST',
      url,
      headers: { ...(user ? user.auth : {}), ...(type ? { 'content-type': type } : {}) },
      ...(payload ? { payload } : {}),
    });
  const ok = async (method: string, url: string, user: TestUser, payload?: object) => {
    const res = await send(method, url, user, payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  /** A proposal by the author (on the current baseline), a concern and a suggestion by the contributor. */
  async function fixture(row: Row): Promise<Fixture> {
    const baseline = (await send('GET', '/api/baseline', null)).json().grouping;
    const flags = baseline.flags.length > 0 ? baseline.flags : [FILE_READ];
    // The author's proposal adds a syscall, so an approval beside it leaves it stale, not superseded.
    const [first, ...rest] = flags;
    const added = { ...first, syscalls: [...first.syscalls, SPARE[spare++ % SPARE.length]] };
    const proposal = (
      await ok('POST', '/api/proposals', cast.author, {
        title: 'Under test',
        rationale: '',
        grouping: grouping([added, ...rest]),
      })
    ).id;
    if (row.stale) {
      const used = new Set(flags.map((f: { bit: number }) => f.bit));
      const bit = [...Array(32).keys()].find((b) => !used.has(b)) as number;
      const other = (
        await ok('POST', '/api/proposals', cast.other, {
          title: 'Moves the baseline',
          rationale: '',
          grouping: grouping([...flags, { ...CLOCK, name: `CLOCK_${bit}`, bit }]),
        })
      ).id;
      await ok('POST', `/api/proposals/${other}/revisions/1/approve`, cast.maintainer);
    }
    const concern = (
      await ok('POST', `/api/proposals/${proposal}/revisions/1/reviews`, cast.contributor, {
        verdict: 'concern',
      })
    ).id;
    const suggestion = (
      await ok('POST', `/api/proposals/${proposal}/name-suggestions`, cast.contributor, {
        flag: 'FILE_READ',
        name: 'READ_FILES',
      })
    ).id;
    if (row.voted) await ok('POST', `/api/name-suggestions/${suggestion}/votes`, cast.contributor);
    const token = (await ok('POST', '/api/tokens', cast.contributor, { name: 'spare' })).id;
    return { proposal, concern, suggestion, token };
  }

  /** Everything a write could change. */
  async function snapshot() {
    const p = t.app.prisma;
    return JSON.stringify({
      users: await p.user.findMany({
        select: { id: true, role: true, passwordHash: true },
        orderBy: { id: 'asc' },
      }),
      tokens: await p.apiToken.findMany({
        select: { id: true, revokedAt: true },
        orderBy: { id: 'asc' },
      }),
      sessions: await p.session.count(),
      proposals: await p.proposal.findMany({
        select: { id: true, title: true, status: true, stale: true, latestRevision: true },
        orderBy: { id: 'asc' },
      }),
      revisions: await p.revision.count(),
      comments: await p.comment.count(),
      reviews: await p.review.findMany({ select: { id: true, resolved: true } }),
      suggestions: await p.nameSuggestion.findMany({
        select: { id: true, adoptedInRevision: true },
      }),
      votes: await p.nameVote.count(),
      releases: await p.release.count(),
      events: await p.event.count(),
      postings: await p.mailPosting.count(),
      inbound: await p.inboundMail.count(),
      outbound: await p.outboundMessage.count(),
      fcps: await p.finalCommentPeriod.findMany({
        select: { id: true, status: true },
        orderBy: { id: 'asc' },
      }),
    });
  }

  it('covers every write route of the OpenAPI document', async () => {
    const spec = (await send('GET', '/openapi.json', null)).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => m !== 'get' && m !== 'head')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set(TABLE.map((row) => row.route.replace(/ \(.*\)$/, '')));
    assert.deepEqual(
      writes.filter((route) => !covered.has(route)),
      [],
    );
  });

  for (const row of TABLE) {
    it(row.route, async () => {
      const [method, path] = row.route.split(' ') as [string, string];
      const mismatches: string[] = [];
      // A refusal changes nothing (asserted below), so the next caller may reuse
      // the fixture; after a success it gets a fresh one.
      let f = await fixture(row);
      for (const actor of ACTORS) {
        const { url, payload, type } = row.request(f, cast);
        const before = await snapshot();
        const user = actor === 'anonymous' ? null : cast[actor];
        const res = await send(method, url, user, payload, type);
        if (res.statusCode !== row.expect[actor])
          mismatches.push(`${actor}: ${res.statusCode} (want ${row.expect[actor]}) ${res.body}`);
        if (res.statusCode >= 400) {
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
          // Sign-in attempts are not state changes; everything else must leave no trace.
          if (!path.startsWith('/api/session'))
            assert.equal(await snapshot(), before, `${actor} was refused but something changed`);
        } else {
          f = await fixture(row);
        }
      }
      assert.deepEqual(mismatches, [], row.route);
    });
  }
});
