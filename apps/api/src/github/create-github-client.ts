import { Octokit } from 'octokit';

export interface GitHubSettings {
  token: string;
  /** `owner/name` */
  repo: string;
  /** REST API root, e.g. https://api.github.com or a GitHub Enterprise / test server URL. */
  apiUrl: string;
  webhookSecret: string;
}

export interface GitHubTarget {
  client: Octokit;
  owner: string;
  repo: string;
}

/**
 * One Octokit per process. Retries and throttling are off: a publish that fails is
 * recorded on the build job with GitHub's message, and a person decides what next,
 * instead of a worker sleeping through rate-limit windows while holding a job.
 */
export function createGitHubTarget(settings: GitHubSettings): GitHubTarget {
  const [owner, repo, ...rest] = settings.repo.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new Error(`GITHUB_REPO must be "owner/name", got "${settings.repo}"`);
  }
  const client = new Octokit({
    auth: settings.token,
    baseUrl: settings.apiUrl.replace(/\/+$/, ''),
    retry: { enabled: false },
    throttle: { enabled: false },
    userAgent: 'dust-api',
  });
  return { client, owner, repo };
}
