import type { Diagnostic, Grouping, ValidationReport } from '@dust/model';

// Shapes of the review API's JSON answers as the web app reads them (issue 4 and
// /openapi.json). Domain types (Grouping, Diagnostic) come from @dust/model.

export type Role = 'contributor' | 'maintainer' | 'admin';

export interface Viewer {
  id: number;
  name: string;
  role: Role;
}

export interface UserRef {
  id: number;
  name: string;
}

export type ProposalStatus = 'open' | 'approved' | 'rejected' | 'withdrawn' | 'superseded';

export interface Revision {
  proposalId: number;
  number: number;
  grouping: Grouping;
  changelog: string;
  /** the baseline release it was written against */
  baseRelease: number;
  /** valid and compatible with its base release when written */
  valid: boolean;
  diagnostics: Diagnostic[];
  author: UserRef;
  createdAt: string;
  /** its RFC posting to the list; null when never posted */
  mail?: MailStatus | null;
}

/** A posting to the mailing list (docs/design.md, "Mail"). */
export interface MailStatus {
  status: 'queued' | 'sent' | 'failed';
  messageId: string | null;
  sentAt: string | null;
  error: string | null;
}

/** Where a comment or review taken from a reply on the list came from. */
export interface MailOrigin {
  from: string;
  /** the sender is the author account; false: someone outside Dust */
  viaAccount: boolean;
  messageId: string;
  patch: string | null;
}

export interface MailInfo {
  sending: boolean;
  list: string | null;
  lore: string | null;
}

export interface MailSettings {
  email: string | null;
  emailVerified: boolean;
  mailNotifications: boolean;
  mail: 'on' | 'off';
}

export interface Notification {
  id: number;
  type: string;
  unread: boolean;
  actor: UserRef | null;
  proposal: { id: number; title: string } | null;
  summary: string;
  createdAt: string;
}

export interface ProposalSummary {
  id: number;
  title: string;
  status: ProposalStatus;
  /** the baseline moved since its latest revision */
  stale: boolean;
  latestRevision: number;
  author: UserRef;
  createdAt: string;
  updatedAt: string;
}

/** The running final comment period of a proposal (docs/design.md, "Review workflow"). */
export interface Fcp {
  disposition: 'approve' | 'reject';
  revision: number;
  startedAt: string;
  endsAt: string;
  startedBy: UserRef;
}

export type AttentionReason =
  | 'review-on-your-proposal'
  | 'stale-needs-rebase'
  | 'concern-answered'
  | 'ack-outdated'
  | 'ready-to-approve'
  | 'fcp-ending';

/** GET /api/me/attention: one proposal waiting for the caller, why, and since when. */
export interface AttentionItem {
  proposal: ProposalSummary;
  reason: AttentionReason;
  since: string;
}

export interface Proposal extends ProposalSummary {
  rationale: string;
  revisions: Revision[];
  fcp: Fcp | null;
}

/** GET …/revisions/:n/validation: diagnostics now, against the current baseline. */
export interface RevisionValidation extends ValidationReport {
  baselineRelease: number;
  basedOnBaseline: boolean;
}

export interface ReviewCounts {
  ack: number;
  nak: number;
  concern: number;
}

export interface Comment {
  id: number;
  proposalId: number;
  revision: number | null;
  flag: string | null;
  syscall: string | null;
  body: string;
  author: UserRef;
  createdAt: string;
  mail?: MailOrigin | null;
}

export type Verdict = 'ack' | 'nak' | 'concern';

export interface Review {
  id: number;
  proposalId: number;
  revision: number;
  verdict: Verdict;
  body: string;
  resolved: boolean;
  resolvedAt: string | null;
  outdated: boolean;
  author: UserRef;
  createdAt: string;
  source?: 'web' | 'mail';
  mail?: MailOrigin | null;
}

export interface NameSuggestion {
  id: number;
  proposalId: number;
  flagBit: number;
  /** the flag's name when the suggestion was made */
  flag: string;
  name: string;
  reason: string;
  votes: number;
  voted: boolean;
  adoptedInRevision: number | null;
  author: UserRef;
  createdAt: string;
}

export type BuildStatus = 'queued' | 'running' | 'passed' | 'failed' | 'skipped';

export interface BuildStage {
  name: string;
  status: string;
  seconds: number;
}

export interface Build {
  id?: number;
  status: BuildStatus;
  runner?: string;
  externalUrl?: string | null;
  reason?: string | null;
  attempts?: number;
  stages?: BuildStage[];
  checkpatch?: { errors: number; warnings: number } | null;
  flags?: { name: string; status: string; detail?: string }[] | null;
  log?: string;
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
}

export interface SeriesLinks {
  version: string;
  mbox: string;
  tarGz: string;
  files: { name: string; size: number; url: string }[];
}

export interface ReleaseSummary {
  number: number;
  createdAt: string;
  flagCount: number;
  proposal: { id: number; title: string; revision: number } | null;
  approvedBy: UserRef | null;
  build: Pick<Build, 'status' | 'reason'> | null;
}

export interface Release extends Omit<ReleaseSummary, 'build'> {
  grouping: Grouping;
  trailers: string[];
  series: SeriesLinks | null;
  build: Build | null;
  /** the series on the list; null when mail is off */
  mail?: MailStatus | null;
}

export interface Baseline {
  release: number;
  grouping: Grouping;
}

export interface ApiEvent {
  id: number;
  type: string;
  createdAt: string;
  actor?: UserRef | null;
  proposalId?: number | null;
  revisionId?: number | null;
  releaseId?: number | null;
  data?: Record<string, unknown>;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
