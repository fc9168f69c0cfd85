import { UserNameSchema } from '@dust/contract';
import { emailProblem } from '@dust/model';
import { isUniqueViolation } from '../db/errors';
import type { PrismaClient, Tx } from '../db/types';
import type { Role } from '../generated/prisma/client';
import type { GitHubIdentity } from '../github/read-github-identity';
import { conflict } from '../lib/problem';
import { appendEvent } from './append-event';
import { createSession } from './create-session';

export interface GitHubSignInOptions {
  /** "org/team" whose active members are maintainers, or null (no team configured). */
  team: string | null;
  /** The Dust account signed in on this browser: a first GitHub sign-in links to it. */
  linkTo: number | null;
}

/**
 * Signs a GitHub account in: finds the Dust account linked to its GitHub user
 * id, or links the signed-in account, or creates one named after the login.
 * The maintainer role follows the team at every sign-in (docs/design.md,
 * "Review workflow": maintainers approve): an active member who is a
 * contributor becomes a maintainer, and a maintainer who got the role from the
 * team loses it once they are no longer an active member (or no team is
 * configured any more). Admins, and maintainers an admin made, keep their role.
 */
export async function signInWithGitHub(
  prisma: PrismaClient,
  identity: GitHubIdentity,
  options: GitHubSignInOptions,
) {
  // A unique violation means another sign-in of the same person, or an account
  // of the chosen name, committed first: the next attempt sees it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction((tx) => signInOnce(tx, identity, options));
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function signInOnce(tx: Tx, identity: GitHubIdentity, options: GitHubSignInOptions) {
  let account = await tx.gitHubAccount.findUnique({
    where: { githubId: identity.githubId },
    include: { user: true },
  });
  let created = false;
  if (!account) {
    if (options.linkTo !== null) {
      const linked = await tx.gitHubAccount.findUnique({ where: { userId: options.linkTo } });
      if (linked) {
        throw conflict(
          'github-account-linked',
          `This Dust account is already linked to another GitHub account (${linked.login}).`,
        );
      }
    }
    const userId = options.linkTo ?? (await createUserFor(tx, identity)).id;
    created = options.linkTo === null;
    account = await tx.gitHubAccount.create({
      data: { githubId: identity.githubId, login: identity.login, userId },
      include: { user: true },
    });
    await appendEvent(tx, {
      type: 'user.github-linked',
      actorId: userId,
      data: { userId, login: identity.login, githubId: identity.githubId.toString() },
    });
  }

  const { role, roleFromTeam } = nextRole(account.user.role, account.roleFromTeam, identity);
  if (role !== account.user.role) {
    await tx.user.update({ where: { id: account.userId }, data: { role } });
    await appendEvent(tx, {
      type: 'user.role-changed',
      actorId: account.userId,
      data: {
        userId: account.userId,
        from: account.user.role,
        to: role,
        reason: identity.teamMember ? 'joined-team' : 'left-team',
        ...(options.team ? { team: options.team } : {}),
      },
    });
  }
  await tx.gitHubAccount.update({
    where: { id: account.id },
    data: { login: identity.login, roleFromTeam, lastSignInAt: new Date() },
  });
  const session = await createSession(tx, account.userId, 'github');
  return { user: { ...account.user, role }, created, ...session };
}

function nextRole(
  role: Role,
  roleFromTeam: boolean,
  identity: GitHubIdentity,
): { role: Role; roleFromTeam: boolean } {
  if (role === 'admin') return { role, roleFromTeam: false };
  if (identity.teamMember === true) {
    return role === 'contributor'
      ? { role: 'maintainer', roleFromTeam: true }
      : { role, roleFromTeam };
  }
  return roleFromTeam && role === 'maintainer'
    ? { role: 'contributor', roleFromTeam: false }
    : { role, roleFromTeam: false };
}

/**
 * A new contributor account named after the GitHub login (GitHub's logins fit
 * Dust's account names). A name another account already has is never taken
 * over: the new account gets "<login>-github" (then -github2 …) instead.
 */
async function createUserFor(tx: Tx, identity: GitHubIdentity) {
  const base = identity.login.slice(0, 32).replace(/[^A-Za-z0-9]+$/, '') || 'github-user';
  const candidates = [
    identity.login,
    `${base}-github`,
    ...[2, 3, 4, 5].map((n) => `${base}-github${n}`),
  ].filter((name) => UserNameSchema.safeParse(name).success);
  const taken = new Set(
    (await tx.user.findMany({ where: { name: { in: candidates } }, select: { name: true } })).map(
      (u) => u.name,
    ),
  );
  const name = candidates.find((c) => !taken.has(c));
  if (!name) {
    throw conflict(
      'user-exists',
      `Accounts named ${identity.login} and ${base}-github… exist; ask an admin to create yours.`,
    );
  }
  const email = identity.email && !emailProblem(identity.email) ? identity.email : null;
  const user = await tx.user.create({ data: { name, role: 'contributor', email } });
  await appendEvent(tx, {
    type: 'user.created',
    actorId: user.id,
    data: { userId: user.id, name, role: user.role, via: 'github' },
  });
  return user;
}
