// Fifty at once, on PostgreSQL, through two API instances (two connection
// pools): approvals, comments, revisions, votes, and concerns beside an
// approval. Whatever the interleaving: one release per baseline number, no
// lost comment, dense revision numbers, one vote per user, never approved with
// an open concern.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';

const N = 50;

describe(`${N} concurrent writes (PostgreSQL, two pools)`, () => {
  let t: TestApp;
  let second: FastifyInstance;
  let alice: TestUser;
  let mia: TestUser;
  let voters: TestUser[];
  let syscall = 0;
  const SPARE = ['dup', 'dup2', 'dup3', 'pipe', 'pipe2', 'getcwd', 'chdir', 'fchdir', 'umask'];

  before(async () => {
    t = await createTestApp('postgres');
    second = await buildApp(t.config);
    alice = await t.createUser('contributor');
    mia = await t.createUser('maintainer');
    voters = [];
    for (let i = 0; i < N; i++) voters.push(await t.createUser('contributor'));
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  const app = (i: number) => (i % 2 === 0 ? t.app : second);
  const send = (
    i: number,
    user: TestUser,
    method: 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    app(i).inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });

  async function propose(): Promise<number> {
    const baseline = (await t.app.inject({ method: 'GET', url: '/api/baseline' })).json();
    const [first = FILE_READ, ...rest] = baseline.grouping.flags.length
      ? baseline.grouping.flags
      : [FILE_READ];
    const res = await send(0, alice, 'POST', '/api/proposals', {
      title: 'Concurrent',
      rationale: '',
      grouping: grouping([
        { ...first, syscalls: [...first.syscalls, SPARE[syscall++ % SPARE.length] as string] },
        ...rest,
      ]),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id;
  }
  const codes = (results: LightMyRequestResponse[]) => {
    const count = new Map<number, number>();
    for (const r of results) count.set(r.statusCode, (count.get(r.statusCode) ?? 0) + 1);
    return Object.fromEntries(count);
  };

  it(`${N} approvals of ${N} proposals on one baseline: one release`, async () => {
    const before = await t.app.prisma.release.count();
    const ids: number[] = [];
    for (let i = 0; i < N; i++) ids.push(await propose());
    const results = await Promise.all(
      ids.map((id, i) => send(i, mia, 'POST', `/api/proposals/${id}/revisions/1/approve`)),
    );
    assert.deepEqual(codes(results), { 201: 1, 409: N - 1 });
    assert.equal(await t.app.prisma.release.count(), before + 1);
    const numbers = (await t.app.prisma.release.findMany({ orderBy: { number: 'asc' } })).map(
      (r) => r.number,
    );
    assert.deepEqual(numbers, [...numbers.keys()], 'one release per baseline number');
  });

  it(`${N} comments at once: none lost`, async () => {
    const id = await propose();
    const results = await Promise.all(
      voters.map((user, i) =>
        send(i, user, 'POST', `/api/proposals/${id}/comments`, { body: `comment ${i}` }),
      ),
    );
    assert.deepEqual(codes(results), { 201: N });
    const stored = await t.app.prisma.comment.findMany({ where: { proposalId: id } });
    assert.deepEqual(stored.map((c) => c.body).sort(), voters.map((_, i) => `comment ${i}`).sort());
  });

  it(`${N} revisions at once: numbered 2..${N + 1} without a gap`, async () => {
    const id = await propose();
    const first = await t.app.prisma.revision.findFirstOrThrow({ where: { proposalId: id } });
    const results = await Promise.all(
      voters.map((_, i) =>
        send(i, alice, 'POST', `/api/proposals/${id}/revisions`, {
          grouping: first.grouping as object,
          changelog: `revision from request ${i}`,
        }),
      ),
    );
    assert.deepEqual(codes(results), { 201: N });
    const numbers = (
      await t.app.prisma.revision.findMany({
        where: { proposalId: id },
        orderBy: { number: 'asc' },
      })
    ).map((r) => r.number);
    assert.deepEqual(
      numbers,
      Array.from({ length: N + 1 }, (_, i) => i + 1),
    );
    const proposal = await t.app.prisma.proposal.findUniqueOrThrow({ where: { id } });
    assert.equal(proposal.latestRevision, N + 1);
  });

  it(`${N} votes at once: one per user`, async () => {
    const id = await propose();
    const suggestion = await send(
      0,
      voters[0] as TestUser,
      'POST',
      `/api/proposals/${id}/name-suggestions`,
      {
        flag: 'FILE_READ',
        name: 'READ_FILES',
      },
    );
    assert.equal(suggestion.statusCode, 201, suggestion.body);
    const url = `/api/name-suggestions/${suggestion.json().id}/votes`;
    // The same user N times, and N users once each, all at the same moment.
    const same = voters[1] as TestUser;
    const results = await Promise.all([
      ...voters.map((_, i) => send(i, same, 'POST', url)),
      ...voters.map((user, i) => send(i + 1, user, 'POST', url)),
    ]);
    // `same` is voters[1]: its N requests, and its one among the N users'.
    const fromSame = [...results.slice(0, N), results[N + 1] as LightMyRequestResponse];
    assert.equal(fromSame.filter((r) => r.statusCode === 201).length, 1, 'one vote for one user');
    const votes = await t.app.prisma.nameVote.findMany({
      where: { suggestionId: suggestion.json().id },
    });
    assert.equal(votes.length, N, 'one vote per user');
    assert.equal(new Set(votes.map((v) => v.userId)).size, N);
    for (const r of results) assert.ok([201, 409].includes(r.statusCode), r.body);
  });

  it(`${N - 1} concerns beside one approval: never approved with an open concern`, async () => {
    for (let round = 0; round < 3; round++) {
      const id = await propose();
      const results = await Promise.all([
        send(1, mia, 'POST', `/api/proposals/${id}/revisions/1/approve`),
        ...voters.slice(1).map((user, i) =>
          send(i, user, 'POST', `/api/proposals/${id}/revisions/1/reviews`, {
            verdict: 'concern',
          }),
        ),
      ]);
      const proposal = await t.app.prisma.proposal.findUniqueOrThrow({ where: { id } });
      const open = await t.app.prisma.review.count({
        where: { verdict: 'concern', resolved: false, revision: { proposalId: id } },
      });
      const approval = results[0] as LightMyRequestResponse;
      assert.ok(
        !(proposal.status === 'approved' && open > 0),
        `round ${round}: approved with ${open} open concerns`,
      );
      assert.equal(proposal.status === 'approved', approval.statusCode === 201);
      // Whichever came first: the concerns that came after an approval were refused.
      for (const r of results.slice(1)) assert.ok([201, 409].includes(r.statusCode), r.body);
    }
  });
});
