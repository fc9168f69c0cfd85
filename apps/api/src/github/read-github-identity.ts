import { ProblemError } from '../lib/problem';
import type { GitHubOAuth } from './create-github-oauth';

export interface GitHubIdentity {
  /** GitHub's numeric user id: what links the account (logins can change hands). */
  githubId: bigint;
  login: string;
  /** The public email of the profile, if any. */
  email: string | null;
  /** Active member of the maintainers team; null when no team is configured. */
  teamMember: boolean | null;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

const unavailable = (what: string, error: unknown) =>
  // Only GitHub's status goes into the problem: octokit's errors carry the
  // request (for the token exchange, the client secret and the code).
  new ProblemError(
    502,
    'Bad Gateway',
    `GitHub did not answer ${what} (${statusOf(error) ?? 'no response'}); try again.`,
    {
      type: 'github-unavailable',
    },
  );

/**
 * The web flow's second half: trade the code GitHub sent back for a user token,
 * read who that is, and whether they are an active member of the maintainers
 * team. The token is used for these requests only: never stored, never logged.
 */
export async function readGitHubIdentity(
  oauth: GitHubOAuth,
  code: string,
): Promise<GitHubIdentity> {
  let token: string;
  try {
    const { authentication } = await oauth.app.createToken({
      code,
      redirectUrl: oauth.callbackUrl,
    });
    token = authentication.token;
  } catch (error) {
    if (statusOf(error) === 400) {
      throw new ProblemError(
        400,
        'Bad Request',
        'GitHub refused the sign-in code (expired, already used, or for another app); sign in again.',
        { type: 'github-code-invalid' },
      );
    }
    throw unavailable('the token exchange', error);
  }
  const client = oauth.userClient(token);
  let user: { id: number; login: string; email?: string | null };
  try {
    ({ data: user } = await client.rest.users.getAuthenticated());
  } catch (error) {
    throw unavailable('GET /user', error);
  }
  return {
    githubId: BigInt(user.id),
    login: user.login,
    email: user.email ?? null,
    teamMember: oauth.maintainersTeam
      ? await isActiveMember(client, oauth.maintainersTeam, user.login)
      : null,
  };
}

async function isActiveMember(
  client: ReturnType<GitHubOAuth['userClient']>,
  team: { org: string; team: string },
  login: string,
): Promise<boolean> {
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({
      org: team.org,
      team_slug: team.team,
      username: login,
    });
    // "pending": invited, not yet a member.
    return data.state === 'active';
  } catch (error) {
    if (statusOf(error) === 404) return false;
    // No verdict (GitHub down, the organization restricts this OAuth app): no
    // sign-in either, rather than keeping or dropping a role on a guess.
    throw unavailable(`the membership of ${team.org}/${team.team}`, error);
  }
}
