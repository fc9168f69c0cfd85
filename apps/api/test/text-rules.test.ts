// The text rules (docs/design.md, "Text") on every route that takes user text:
// NUL and lone surrogates anywhere are a 400 whose diagnostic points at the
// field, on both databases, and nothing is stored; one-line fields refuse bidi
// controls, zero-width and control characters; multi-line fields refuse C0
// controls other than tab and line breaks. Behind the request hook, the
// database's own invalid-text errors are a 400 too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { isInvalidTextError } from '../src/db/errors';
import { toProblem } from '../src/plugins/app/errors';
import { createTestApp, DB_KINDS, type TestApp, type TestUser } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';

const NUL = 'bad\u0000text';
const SURROGATE = 'bad\ud800text';

function assertRefused(res: LightMyRequestResponse, path: string, why: RegExp, label: string) {
  assert.equal(res.statusCode, 400, `${label}: ${res.statusCode} ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, label);
  const diagnostic = res.json().diagnostics?.[0];
  assert.equal(diagnostic?.path, path, `${label}: ${res.body}`);
  assert.match(diagnostic?.message ?? '', why, label);
}

async function rowCounts(t: TestApp) {
  const p = t.app.prisma;
  return {
    users: await p.user.count(),
    tokens: await p.apiToken.count(),
    proposals: await p.proposal.count(),
    revisions: await p.revision.count(),
    comments: await p.comment.count(),
    reviews: await p.review.count(),
    suggestions: await p.nameSuggestion.count(),
    events: await p.event.count(),
  };
}

for (const kind of DB_KINDS) {
  describe(`text rules on ${kind}`, () => {
    let t: TestApp;
    let alice: TestUser;
    let bob: TestUser;
    let id: number;

    before(async () => {
      t = await createTestApp(kind);
      alice = await t.createUser('contributor');
      bob = await t.createUser('contributor');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/proposals',
        headers: alice.auth,
        payload: { title: 'Files', rationale: '', grouping: grouping([FILE_READ]) },
      });
      assert.equal(res.statusCode, 201, res.body);
      id = res.json().id;
    });
    after(() => t.close());

    type Case = {
      label: string;
      method: 'POST' | 'PATCH' | 'GET';
      url: string | ((bad: string) => string);
      user?: () => TestUser;
      body?: (bad: string) => unknown;
      path: string;
    };
    const withDescription = (bad: string) =>
      grouping([{ ...FILE_READ, description: bad, syscalls: ['openat', bad] }]);
    const cases: Case[] = [
      {
        label: 'proposal title',
        method: 'POST',
        url: '/api/proposals',
        body: (bad) => ({ title: bad, rationale: '', grouping: grouping([FILE_READ]) }),
        path: '/title',
      },
      {
        label: 'proposal rationale',
        method: 'POST',
        url: '/api/proposals',
        body: (bad) => ({ title: 'Fine', rationale: bad, grouping: grouping([FILE_READ]) }),
        path: '/rationale',
      },
      {
        label: 'a string inside grouping',
        method: 'POST',
        url: '/api/proposals',
        body: (bad) => ({ title: 'Fine', rationale: '', grouping: withDescription(bad) }),
        path: '/grouping/flags/0/description',
      },
      {
        label: 'a key inside grouping',
        method: 'POST',
        url: '/api/validate',
        body: (bad) => ({ grouping: { ...grouping([]), [bad]: 1 } }),
        path: `/grouping/${'\u0000'}`,
      },
      {
        label: 'rationale on PATCH',
        method: 'PATCH',
        url: '/api/proposals/ID',
        body: (bad) => ({ rationale: bad }),
        path: '/rationale',
      },
      {
        label: 'changelog',
        method: 'POST',
        url: '/api/proposals/ID/revisions',
        body: (bad) => ({ grouping: grouping([FILE_READ]), changelog: bad }),
        path: '/changelog',
      },
      {
        label: 'comment',
        method: 'POST',
        url: '/api/proposals/ID/comments',
        user: () => bob,
        body: (bad) => ({ body: bad }),
        path: '/body',
      },
      {
        label: 'review body',
        method: 'POST',
        url: '/api/proposals/ID/revisions/1/reviews',
        user: () => bob,
        body: (bad) => ({ verdict: 'concern', body: bad }),
        path: '/body',
      },
      {
        label: 'suggestion reason',
        method: 'POST',
        url: '/api/proposals/ID/name-suggestions',
        user: () => bob,
        body: (bad) => ({ flag: 'FILE_READ', name: 'FILES', reason: bad }),
        path: '/reason',
      },
      {
        label: 'token name',
        method: 'POST',
        url: '/api/tokens',
        body: (bad) => ({ name: bad }),
        path: '/name',
      },
      {
        label: 'query ?author=',
        method: 'GET',
        url: (bad) => `/api/proposals?author=${encodeURIComponent(bad)}`,
        path: '/author',
      },
      {
        label: 'query ?flag=',
        method: 'GET',
        url: (bad) => `/api/proposals?flag=${encodeURIComponent(bad)}x`,
        path: '/flag',
      },
      {
        label: 'query /api/events?actor=',
        method: 'GET',
        url: (bad) => `/api/events?actor=${encodeURIComponent(bad)}`,
        path: '/actor',
      },
      {
        label: 'path parameter',
        method: 'GET',
        url: (bad) => `/api/users/${encodeURIComponent(bad)}`,
        path: '/name',
      },
    ];

    for (const [name, bad, why] of [
      ['NUL', NUL, /NUL/],
      ['a lone surrogate', SURROGATE, /lone surrogate/],
    ] as const) {
      it(`${name} in any field or filter: 400 at the field, nothing stored`, async () => {
        const before = await rowCounts(t);
        for (const c of cases) {
          // Query strings cannot carry a lone surrogate (it is not UTF-8): NUL only.
          if (c.method === 'GET' && bad === SURROGATE) continue;
          const url = (typeof c.url === 'string' ? c.url : c.url(bad)).replace('ID', String(id));
          const res = await t.app.inject({
            method: c.method,
            url,
            headers: (c.user?.() ?? alice).auth,
            ...(c.body ? { payload: c.body(bad) as object } : {}),
          });
          const path = c.path.replace('\u0000', bad);
          assertRefused(res, path, why, `${c.label} (${name})`);
        }
        assert.deepEqual(await rowCounts(t), before, 'nothing was stored');
      });
    }

    it('one-line fields refuse bidi controls, zero-width and control characters', async () => {
      const before = await rowCounts(t);
      for (const [bad, why] of [
        ['Files \u202eevil', /bidirectional/],
        ['Files \u2066x\u2069', /bidirectional/],
        ['Files\u200bhidden', /invisible/],
        ['Files\u001b[31m', /control/],
        ['Two\nlines', /line break/],
      ] as const) {
        const title = await t.app.inject({
          method: 'POST',
          url: '/api/proposals',
          headers: alice.auth,
          payload: { title: bad, rationale: '', grouping: grouping([FILE_READ]) },
        });
        assertRefused(title, '/title', why, `title ${JSON.stringify(bad)}`);
        const token = await t.app.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: alice.auth,
          payload: { name: bad },
        });
        assertRefused(token, '/name', why, `token ${JSON.stringify(bad)}`);
        const reason = await t.app.inject({
          method: 'POST',
          url: `/api/proposals/${id}/name-suggestions`,
          headers: bob.auth,
          payload: { flag: 'FILE_READ', name: 'FILES', reason: bad },
        });
        assertRefused(reason, '/reason', why, `reason ${JSON.stringify(bad)}`);
      }
      assert.deepEqual(await rowCounts(t), before, 'nothing was stored');
    });

    it('multi-line fields keep newlines and tabs and refuse other C0 controls', async () => {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/proposals/${id}/revisions`,
        headers: alice.auth,
        payload: { grouping: grouping([FILE_READ]), changelog: 'one\u0008two' },
      });
      assertRefused(refused, '/changelog', /control character/, 'changelog with backspace');
      const kept = await t.app.inject({
        method: 'POST',
        url: `/api/proposals/${id}/comments`,
        headers: bob.auth,
        payload: { body: 'Line one\n\tline two\r\nemoji 😀 and RTL text עברית' },
      });
      assert.equal(kept.statusCode, 201, kept.body);
    });

    it('the database refusing text is a 400, not a 500 (the last guard)', async () => {
      for (const write of [
        () => t.app.prisma.user.findMany({ where: { name: NUL } }),
        () => t.app.prisma.event.create({ data: { type: 'x', data: { a: NUL } } }),
        () => t.app.prisma.event.create({ data: { type: SURROGATE, data: {} } }),
      ]) {
        const error = await write().then(
          () => assert.fail('the database stored what it cannot store'),
          (err: unknown) => err,
        );
        assert.ok(isInvalidTextError(error), String(error));
        const { problem } = toProblem(error as never, { url: '/x' } as never);
        assert.equal(problem.status, 400);
        assert.equal(problem.type, 'urn:dust:problem:invalid-request');
      }
    });
  });
}
