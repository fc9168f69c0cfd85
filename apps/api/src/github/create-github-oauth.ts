import { OAuthApp, Octokit } from 'octokit';
import type { GitHubOAuthConfig } from '../config';

export const GITHUB_CALLBACK_PATH = '/api/auth/github/callback';

export interface GitHubOAuth {
  app: OAuthApp;
  /** A client authenticated as the user who signed in. */
  userClient(token: string): Octokit;
  /** Registered with the OAuth app on GitHub: <DUST_PUBLIC_URL>/api/auth/github/callback. */
  callbackUrl: string;
  /** read:org only when a maintainers team must be checked: nothing else is ever asked for. */
  scopes: string[];
  maintainersTeam: GitHubOAuthConfig['maintainersTeam'];
}

/**
 * Sign in with GitHub through octokit's OAuth app support. Retries and
 * throttling are off, as for publishing: a sign-in that fails says so at once.
 * The API URL also decides where the authorize and token endpoints are
 * (github.com for api.github.com, the same host for GitHub Enterprise).
 */
export function createGitHubOAuth(config: GitHubOAuthConfig): GitHubOAuth {
  const GitHubClient = Octokit.defaults({
    baseUrl: config.apiUrl.replace(/\/+$/, ''),
    retry: { enabled: false },
    throttle: { enabled: false },
    userAgent: 'dust-api',
  });
  const app = new OAuthApp({
    clientType: 'oauth-app',
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    Octokit: GitHubClient,
  });
  return {
    app,
    userClient: (token) => new GitHubClient({ auth: token }),
    callbackUrl: `${config.publicUrl}${GITHUB_CALLBACK_PATH}`,
    scopes: config.maintainersTeam ? ['read:org'] : [],
    maintainersTeam: config.maintainersTeam,
  };
}
