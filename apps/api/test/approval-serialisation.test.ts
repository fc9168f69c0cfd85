// Every write that changes whether a proposal may be approved is ordered with
// the approval on the proposal lock (docs/design.md, "Review workflow"). Two API
// instances (two connection pools) on one PostgreSQL database send the write
// and the approval at the same moment, round after round; whichever wins, the
// result must be one the rules allow — never approved with an open concern,
// never approved and withdrawn, never a release from a revision that is no
// longer the latest.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { syscallNames } from '@dust/model';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';

const ROUNDS = 8;

describe('writes that decide approvability serialise with approval (PostgreSQL, two pools)', () => {
  let t: TestApp;
  let second: FastifyInstance;
  let alice: TestUser;
  let bob: TestUser;
  let mia: TestUser;
  // Each round's proposal adds one more syscall to FILE_READ: always compatible.
  const spare = [...syscallNames('6.1')]
    .filter((s) => !FILE_READ.syscalls.includes(s) && !s.startsWith('exec'))
    .sort();
  let next = 0;

  before(async () => {
    t = await createTestApp('postgres');
    second = await buildApp(t.config);
    alice = await t.createUser('contributor');
    bob = await t.createUser('contributor');
    mia = await t.createUser('maintainer');
  });
  after(async () => {
    await second.close();
    await t.close();
  });

  const send = (
    app: FastifyInstance,
    user: TestUser,
    method: 'POST' | 'PATCH',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });

  async function freshProposal() {
    const baseline = (await t.app.inject({ method: 'GET', url: '/api/baseline' })).json();
    const flags = baseline.grouping.flags.length > 0 ? baseline.grouping.flags : [FILE_READ];
    const [first, ...rest] = flags;
    const syscall = spare[next++] as string;
    const res = await send(t.app, alice, 'POST', '/api/proposals', {
      title: `Round ${next}`,
      rationale: '',
      grouping: grouping([{ ...first, syscalls: [...first.syscalls, syscall] }, ...rest]),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as number;
  }

  /** The approval on one pool and the write on the other, released together. */
  async function race(id: number, write: () => Promise<LightMyRequestResponse>) {
    const [approval, other] = await Promise.all([
      send(second, mia, 'POST', `/api/proposals/${id}/revisions/1/approve`),
      write(),
    ]);
    const proposal = await t.app.prisma.proposal.findUniqueOrThrow({ where: { id } });
    const release = await t.app.prisma.release.findFirst({
      where: { revision: { proposalId: id } },
      include: { revision: true },
    });
    return { approval, other, proposal, release };
  }

  it('a concern and an approval: never approved with an open concern', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const id = await freshProposal();
      const { approval, other, proposal } = await race(id, () =>
        send(t.app, bob, 'POST', `/api/proposals/${id}/revisions/1/reviews`, {
          verdict: 'concern',
          body: 'Wait.',
        }),
      );
      const open = await t.app.prisma.review.count({
        where: { verdict: 'concern', resolved: false, revision: { proposalId: id } },
      });
      const label = `round ${round}: approve ${approval.statusCode}, concern ${other.statusCode}`;
      assert.ok(!(proposal.status === 'approved' && open > 0), `${label}: approved with a concern`);
      if (approval.statusCode === 201) assert.equal(other.statusCode, 409, label);
      else assert.equal(approval.json().type, 'urn:dust:problem:open-concerns', label);
      outcomes.add(`${approval.statusCode}/${other.statusCode}`);
    }
    assert.ok(outcomes.size >= 1);
  });

  it('a new revision and an approval: the release is always the latest revision', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await freshProposal();
      const latest = await t.app.prisma.revision.findFirstOrThrow({ where: { proposalId: id } });
      const { approval, other, proposal, release } = await race(id, () =>
        send(t.app, alice, 'POST', `/api/proposals/${id}/revisions`, {
          grouping: latest.grouping as object,
          changelog: 'Same again',
        }),
      );
      const label = `round ${round}: approve ${approval.statusCode}, revision ${other.statusCode}`;
      assert.notEqual(approval.statusCode === 201, other.statusCode === 201, label);
      if (release) assert.equal(release.revision?.number, proposal.latestRevision, label);
    }
  });

  it('withdraw or reject and an approval: never both', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await freshProposal();
      const rejecting = round % 2 === 1;
      const { approval, other, proposal } = await race(id, () =>
        rejecting
          ? send(t.app, mia, 'PATCH', `/api/proposals/${id}`, { status: 'rejected' })
          : send(t.app, alice, 'PATCH', `/api/proposals/${id}`, { status: 'withdrawn' }),
      );
      const label = `round ${round}: approve ${approval.statusCode}, ${rejecting ? 'reject' : 'withdraw'} ${other.statusCode}`;
      assert.notEqual(approval.statusCode === 201, other.statusCode === 200, label);
      assert.equal(proposal.status === 'approved', approval.statusCode === 201, label);
      assert.equal(other.statusCode === 200, proposal.status !== 'approved', label);
    }
  });

  it('resolving a concern and an approval: approved only when resolved first', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await freshProposal();
      const concern = await send(t.app, bob, 'POST', `/api/proposals/${id}/revisions/1/reviews`, {
        verdict: 'concern',
      });
      assert.equal(concern.statusCode, 201, concern.body);
      const { approval, other, proposal } = await race(id, () =>
        send(t.app, bob, 'POST', `/api/reviews/${concern.json().id}/resolve`),
      );
      const label = `round ${round}: approve ${approval.statusCode}, resolve ${other.statusCode}`;
      assert.equal(other.statusCode, 200, label);
      assert.equal(proposal.status === 'approved', approval.statusCode === 201, label);
      if (approval.statusCode !== 201)
        assert.equal(approval.json().type, 'urn:dust:problem:open-concerns', label);
    }
  });
});
