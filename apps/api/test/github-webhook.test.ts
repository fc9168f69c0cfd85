// GitHub as the build runner, against a local server that speaks GitHub's API:
// approval → the worker publishes the series as a branch and pull request →
// the workflow's signed webhook stores the verdict on the release.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGitHubTarget } from '../src/github/create-github-client';
import { signWebhookBody } from '../src/github/verify-webhook-signature';
import { createTestApp, type TestApp } from '../src/testing';
import { BuildWorker } from '../src/worker/build-worker';
import { FILE_READ, grouping } from './fixtures';
import { type FakeGitHub, startFakeGitHub } from './github/fake-server';

const SECRET = 'webhook-secret-for-tests-0123456789';

const verdict = {
  status: 'passed',
  stages: [
    { name: 'apply', status: 'passed', seconds: 1.5 },
    { name: 'boot', status: 'passed', seconds: 3 },
  ],
  checkpatch: {
    errors: 0,
    warnings: 1,
    perPatch: [
      { patch: '0001-uapi.patch', errors: 0, warnings: 1, checks: 0, messages: ['WARNING: x'] },
    ],
  },
  flags: [{ name: 'FILE_READ', status: 'passed' }],
  // Everything `dust kernel-test --json` prints is accepted as it is.
  checks: [{ scope: 'FILE_READ', check: 'openat runs', status: 'passed' }],
};

describe('GitHub build runner', () => {
  let github: FakeGitHub;
  let t: TestApp;
  let worker: BuildWorker;

  before(async () => {
    github = await startFakeGitHub('dust', 'linux');
    const settings = {
      token: github.token,
      repo: 'dust/linux',
      apiUrl: github.url,
      webhookSecret: SECRET,
    };
    t = await createTestApp('pglite', { github: settings });
    worker = new BuildWorker({
      prisma: t.app.prisma,
      kernelTest: async () => {
        throw new Error(
          'with GitHub configured the workflow runs the kernel test, not this worker',
        );
      },
      github: createGitHubTarget(settings),
    });
  });
  after(async () => {
    await t.close();
    await github.close();
  });

  const hook = (event: string, body: unknown, signature?: string) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return t.app.inject({
      method: 'POST',
      url: '/api/github/webhook',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-hub-signature-256': signature ?? signWebhookBody(SECRET, raw),
      },
      payload: raw,
    });
  };
  const build = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/releases/1' })).json().build;

  test('approval publishes the series as a pull request; the build waits for the webhook', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: t.admin.auth,
      payload: { title: 'Read files', rationale: 'Start small.', grouping: grouping([FILE_READ]) },
    });
    const id = created.json().id;
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${id}/revisions/1/approve`,
      headers: t.admin.auth,
    });
    assert.equal(approved.statusCode, 201, approved.body);

    const outcome = await worker.runOnce();
    assert.equal(outcome?.outcome, 'published');
    const pending = await build();
    assert.equal(pending.status, 'running');
    assert.equal(pending.runner, 'github');
    assert.equal(pending.externalUrl, `${github.url}/dust/linux/pull/1`);

    const commit = github.commits.get(github.refs.get('heads/dust/release-1') as string);
    const files = github.trees.get(commit?.tree as string) ?? [];
    assert.ok(files.some((f) => f.path === 'dust/release-1/0000-cover-letter.patch'));
    const groupingFile = files.find((f) => f.path === 'dust/release-1/grouping.json');
    assert.deepEqual(JSON.parse(groupingFile?.content ?? '{}'), grouping([FILE_READ]));
    const mbox = await t.app.inject({ method: 'GET', url: '/api/releases/1/series.mbox' });
    const uapi = files.find((f) => f.path.startsWith('dust/release-1/0001-'));
    assert.ok(uapi && mbox.body.includes(uapi.content.split('\n')[3] as string));
    assert.equal(github.pulls[0]?.head, 'dust/release-1');

    // Nothing else for a local worker to do, and the lease never expires the job.
    assert.equal(await worker.runOnce(), null);
  });

  test('unsigned, wrongly signed or malformed webhooks change nothing', async () => {
    const body = { release: 1, verdict };
    assert.equal((await hook('dust_kernel_test', body, 'sha256=00')).statusCode, 401);
    assert.equal(
      (await hook('dust_kernel_test', body, signWebhookBody('wrong-secret', JSON.stringify(body))))
        .statusCode,
      401,
    );
    const noSig = await t.app.inject({
      method: 'POST',
      url: '/api/github/webhook',
      headers: { 'content-type': 'application/json', 'x-github-event': 'dust_kernel_test' },
      payload: JSON.stringify(body),
    });
    assert.equal(noSig.statusCode, 401);
    assert.match(noSig.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal((await hook('dust_kernel_test', '{"release": 1,')).statusCode, 400);
    assert.equal((await hook('dust_kernel_test', { ...body, extra: true })).statusCode, 400);
    assert.equal(
      (await hook('dust_kernel_test', { release: 1, verdict: { ...verdict, status: 'great' } }))
        .statusCode,
      400,
    );
    assert.equal((await build()).status, 'running');
  });

  test('the signed verdict is stored once; replays and late events are ignored', async () => {
    const ping = await hook('ping', { zen: 'Keep it logically awesome.' });
    assert.equal(ping.statusCode, 200);

    const report = await hook('dust_kernel_test', {
      release: 1,
      verdict,
      log: 'boot console: all flags behave',
      run_url: 'https://github.example/dust/linux/actions/runs/7',
    });
    assert.equal(report.statusCode, 200, report.body);
    assert.equal(report.json().status, 'recorded');
    const done = await build();
    assert.equal(done.status, 'passed');
    assert.deepEqual(done.stages, [
      { name: 'apply', status: 'passed', seconds: 1.5 },
      { name: 'boot', status: 'passed', seconds: 3 },
    ]);
    assert.deepEqual(done.checkpatch, { errors: 0, warnings: 1 });
    assert.match(done.log, /published dust\/release-1 at [0-9a-f]{40}/);
    assert.match(done.log, /boot console: all flags behave/);
    assert.match(done.log, /actions\/runs\/7/);

    const replay = await hook('dust_kernel_test', {
      release: 1,
      verdict: { ...verdict, status: 'failed' },
    });
    assert.equal(replay.statusCode, 202);
    const late = await hook('workflow_run', {
      action: 'completed',
      workflow_run: {
        head_branch: 'dust/release-1',
        conclusion: 'failure',
        html_url: 'https://x/1',
      },
    });
    assert.equal(late.statusCode, 202);
    assert.equal((await build()).status, 'passed');

    const foreign = await hook('workflow_run', {
      action: 'completed',
      workflow_run: { head_branch: 'main', conclusion: 'success', html_url: 'https://x/2' },
    });
    assert.equal(foreign.statusCode, 202);
    const unknown = await hook('dust_kernel_test', { release: 42, verdict });
    assert.equal(unknown.statusCode, 202);
    assert.match(unknown.json().detail, /release 42 has no build job waiting for GitHub/);

    const events = (
      await t.app.inject({ method: 'GET', url: '/api/events?type=build&limit=100' })
    ).json().items;
    assert.deepEqual(
      events.map((e: { type: string }) => e.type),
      ['build.queued', 'build.started', 'build.published', 'build.finished'],
    );
  });

  test("GitHub's own workflow_run conclusion is enough for a verdict", async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: t.admin.auth,
      payload: {
        title: 'More',
        rationale: 'More.',
        grouping: grouping([
          FILE_READ,
          { name: 'CLOCK', bit: 1, description: 'Clocks', syscalls: ['nanosleep'] },
        ]),
      },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${created.json().id}/revisions/1/approve`,
      headers: t.admin.auth,
    });
    assert.equal((await worker.runOnce())?.outcome, 'published');
    const res = await hook('workflow_run', {
      action: 'completed',
      workflow_run: {
        head_branch: 'dust/release-2',
        conclusion: 'failure',
        html_url: 'https://x/3',
      },
      repository: { full_name: 'dust/linux' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const two = (await t.app.inject({ method: 'GET', url: '/api/releases/2' })).json().build;
    assert.equal(two.status, 'failed');
    assert.equal(two.reason, 'the GitHub workflow concluded "failure"');
    // A conclusion says nothing about checkpatch: not measured is null, never zero.
    assert.equal(two.checkpatch, null);
    assert.match(two.log, /checkpatch: not run/);
  });

  test('a report whose checkpatch did not run is stored as null', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: t.admin.auth,
      payload: {
        title: 'Even more',
        rationale: '',
        grouping: grouping([
          FILE_READ,
          { name: 'CLOCK', bit: 1, description: 'Clocks', syscalls: ['nanosleep'] },
          { name: 'PIDS', bit: 2, description: 'Process ids', syscalls: ['getpid'] },
        ]),
      },
    });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${created.json().id}/revisions/1/approve`,
      headers: t.admin.auth,
    });
    assert.equal(approved.statusCode, 201, approved.body);
    assert.equal((await worker.runOnce())?.outcome, 'published');
    const res = await hook('dust_kernel_test', {
      release: 3,
      verdict: {
        status: 'failed',
        reason: 'apply: the series does not apply',
        stages: [{ name: 'apply', status: 'failed', seconds: 0.4 }],
        checkpatch: null,
        flags: [],
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    const three = (await t.app.inject({ method: 'GET', url: '/api/releases/3' })).json().build;
    assert.equal(three.status, 'failed');
    assert.equal(three.checkpatch, null);
  });
});

describe('GitHub webhook without GitHub configured', () => {
  test('answers 404 problem+json', async () => {
    const t = await createTestApp('pglite');
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/github/webhook',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping' },
        payload: '{}',
      });
      assert.equal(res.statusCode, 404);
      assert.match(res.json().detail, /not configured/);
    } finally {
      await t.close();
    }
  });
});
