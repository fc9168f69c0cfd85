import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createGitHubTarget } from '../src/github/create-github-client';
import { publishSeries, releaseFromBranch } from '../src/github/publish-series';
import { signWebhookBody, verifyWebhookSignature } from '../src/github/verify-webhook-signature';
import { type FakeGitHub, startFakeGitHub } from './github/fake-server';

let github: FakeGitHub;
before(async () => {
  github = await startFakeGitHub();
});
after(() => github.close());

const files = [
  { name: '0000-cover-letter.patch', content: 'Subject: [PATCH v2 0/1] seccomp flags\n' },
  { name: '0001-uapi.patch', content: 'Subject: [PATCH v2 1/1] uapi\n' },
];

function target() {
  return createGitHubTarget({
    token: github.token,
    repo: 'dust/linux',
    apiUrl: github.url,
    webhookSecret: 's',
  });
}

test('publishSeries commits the files on a release branch and opens one pull request', async () => {
  const published = await publishSeries(target(), {
    release: 2,
    title: 'Dust release 2',
    body: 'Approved',
    files,
  });
  assert.equal(published.branch, 'dust/release-2');
  assert.equal(github.refs.get('heads/dust/release-2'), published.commitSha);
  const commit = github.commits.get(published.commitSha);
  assert.ok(commit);
  assert.deepEqual(
    github.trees.get(commit.tree)?.map((e) => e.path),
    ['dust/release-2/0000-cover-letter.patch', 'dust/release-2/0001-uapi.patch'],
  );
  assert.equal(github.pulls.length, 1);
  assert.equal(github.pulls[0]?.base, 'main');
  assert.equal(published.pullNumber, 1);

  // Publishing again (a retried job) moves the branch and reuses the pull request.
  const again = await publishSeries(target(), {
    release: 2,
    title: 'Dust release 2',
    body: 'Approved, retried',
    files: [...files, { name: 'grouping.json', content: '{}' }],
  });
  assert.equal(again.pullNumber, 1);
  assert.equal(github.pulls.length, 1);
  assert.equal(github.refs.get('heads/dust/release-2'), again.commitSha);
});

test('publishSeries refuses file names that could leave the release folder', async () => {
  await assert.rejects(
    publishSeries(target(), {
      release: 3,
      title: 't',
      body: 'b',
      files: [{ name: '../.github/workflows/x.yml', content: 'evil' }],
    }),
    /refusing to publish/,
  );
  assert.equal(github.refs.has('heads/dust/release-3'), false);
});

test('a wrong token is an error, not a silent success', async () => {
  const bad = createGitHubTarget({
    token: 'nope',
    repo: 'dust/linux',
    apiUrl: github.url,
    webhookSecret: 's',
  });
  await assert.rejects(
    publishSeries(bad, { release: 4, title: 't', body: 'b', files }),
    /Bad credentials/,
  );
});

test('webhook signatures: right secret passes, anything else fails', () => {
  const body = Buffer.from('{"release":1}');
  const header = signWebhookBody('secret', body);
  assert.equal(verifyWebhookSignature('secret', body, header), true);
  assert.equal(verifyWebhookSignature('other', body, header), false);
  assert.equal(verifyWebhookSignature('secret', Buffer.from('{"release":2}'), header), false);
  assert.equal(verifyWebhookSignature('secret', body, undefined), false);
  assert.equal(verifyWebhookSignature('secret', body, 'sha256=zz'), false);
  assert.equal(verifyWebhookSignature('secret', body, header.slice(0, -2)), false);
  assert.equal(verifyWebhookSignature('', body, signWebhookBody('', body)), false);
});

test('release branches round-trip and foreign branches are ignored', () => {
  assert.equal(releaseFromBranch('dust/release-12'), 12);
  assert.equal(releaseFromBranch('main'), undefined);
  assert.equal(releaseFromBranch('dust/release-1/x'), undefined);
  assert.equal(releaseFromBranch(null), undefined);
});
