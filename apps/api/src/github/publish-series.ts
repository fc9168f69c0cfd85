import type { GitHubTarget } from './create-github-client';

export interface SeriesFile {
  name: string;
  content: string;
}

export interface PublishSeriesInput {
  release: number;
  title: string;
  body: string;
  /** Files committed under `dust/release-<N>/`. */
  files: readonly SeriesFile[];
}

export interface PublishedSeries {
  branch: string;
  commitSha: string;
  pullNumber: number;
  pullUrl: string;
}

export function releaseBranch(release: number): string {
  return `dust/release-${release}`;
}

/** `dust/release-7` → 7; anything else → undefined (the branch is not ours). */
export function releaseFromBranch(branch: string | null | undefined): number | undefined {
  const match = /^dust\/release-(\d{1,9})$/.exec(branch ?? '');
  return match ? Number(match[1]) : undefined;
}

/** File names come from the renderer; refuse anything that could leave the release folder. */
function safeFileName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name)) {
    throw new Error(`refusing to publish a file named ${JSON.stringify(name)}`);
  }
  return name;
}

function isStatus(error: unknown, status: number): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { status?: unknown }).status === status
  );
}

/**
 * Commits the release's files onto a branch off the default branch (git data API:
 * one tree, one commit, one ref) and opens a pull request, so that the repository's
 * workflow runs the kernel test on it. Publishing the same release again moves the
 * branch to the new commit and reuses the open pull request.
 */
export async function publishSeries(
  target: GitHubTarget,
  input: PublishSeriesInput,
): Promise<PublishedSeries> {
  const { client, owner, repo } = target;
  const branch = releaseBranch(input.release);
  const { data: repository } = await client.rest.repos.get({ owner, repo });
  const base = repository.default_branch;
  const { data: baseRef } = await client.rest.git.getRef({ owner, repo, ref: `heads/${base}` });
  const { data: baseCommit } = await client.rest.git.getCommit({
    owner,
    repo,
    commit_sha: baseRef.object.sha,
  });
  const { data: tree } = await client.rest.git.createTree({
    owner,
    repo,
    base_tree: baseCommit.tree.sha,
    tree: input.files.map((file) => ({
      path: `${branch}/${safeFileName(file.name)}`,
      mode: '100644' as const,
      type: 'blob' as const,
      content: file.content,
    })),
  });
  const { data: commit } = await client.rest.git.createCommit({
    owner,
    repo,
    message: `${input.title}\n\n${input.body}`,
    tree: tree.sha,
    parents: [baseCommit.sha],
  });
  try {
    await client.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: commit.sha });
  } catch (error) {
    if (!isStatus(error, 422)) throw error;
    await client.rest.git.updateRef({
      owner,
      repo,
      ref: `heads/${branch}`,
      sha: commit.sha,
      force: true,
    });
  }
  const pull = await openOrReusePull(target, {
    branch,
    base,
    title: input.title,
    body: input.body,
  });
  return { branch, commitSha: commit.sha, pullNumber: pull.number, pullUrl: pull.html_url };
}

async function openOrReusePull(
  { client, owner, repo }: GitHubTarget,
  pr: { branch: string; base: string; title: string; body: string },
): Promise<{ number: number; html_url: string }> {
  try {
    const { data } = await client.rest.pulls.create({
      owner,
      repo,
      head: pr.branch,
      base: pr.base,
      title: pr.title,
      body: pr.body,
    });
    return data;
  } catch (error) {
    if (!isStatus(error, 422)) throw error;
    const { data } = await client.rest.pulls.list({
      owner,
      repo,
      head: `${owner}:${pr.branch}`,
      state: 'open',
    });
    const existing = data[0];
    if (!existing) throw error;
    return existing;
  }
}
