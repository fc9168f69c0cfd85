import type { Grouping } from '@dust/model';

// Shapes of the review API's JSON answers as the web app reads them (issue 4 and
// /openapi.json). Domain types (Grouping, Diagnostic) come from @dust/model.

export type Role = 'contributor' | 'maintainer' | 'admin';

export interface Viewer {
  id: string;
  name: string;
  role: Role;
}

export interface UserRef {
  id: string;
  name: string;
}

export type ProposalStatus =
  | 'open'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'superseded'
  | 'stale';

export interface RevisionSummary {
  number: number;
  createdAt: string;
  changelog?: string | null;
  baseRelease: number;
  valid?: boolean;
}

export interface Revision extends RevisionSummary {
  grouping: Grouping;
}

export interface ReviewCounts {
  ack: number;
  nak: number;
  concern: number;
}

export interface Proposal {
  id: string;
  title: string;
  rationale: string;
  status: ProposalStatus;
  stale?: boolean;
  author: UserRef;
  createdAt: string;
  updatedAt?: string;
  revisions: RevisionSummary[];
  reviewCounts?: ReviewCounts;
  valid?: boolean;
}

export interface Comment {
  id: string;
  body: string;
  author: UserRef;
  createdAt: string;
  revision?: number | null;
  flag?: string | null;
  syscall?: string | null;
}

export type Verdict = 'ack' | 'nak' | 'concern';

export interface Review {
  id: string;
  verdict: Verdict;
  body: string;
  author: UserRef;
  revision: number;
  createdAt: string;
  resolved?: boolean;
  resolvedAt?: string | null;
  outdated?: boolean;
}

export interface NameSuggestion {
  id: string;
  flag: string;
  name: string;
  reason: string;
  author: UserRef;
  votes: number;
  voted?: boolean;
}

export type BuildStatus = 'queued' | 'running' | 'passed' | 'failed' | 'skipped';

export interface BuildStage {
  name: string;
  status: string;
  seconds: number;
  log?: string;
}

export interface Build {
  status: BuildStatus;
  reason?: string | null;
  stages?: BuildStage[];
  log?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
}

export interface ReleaseSummary {
  number: number;
  createdAt: string;
  proposal?: { id: string; title: string } | null;
  revision?: number | null;
  build?: Build | null;
}

export interface Release extends ReleaseSummary {
  grouping: Grouping;
  files?: { name: string }[];
}

export interface Baseline {
  release: number;
  grouping: Grouping;
}

export interface ApiEvent {
  id: string;
  type: string;
  createdAt: string;
  actor?: UserRef | null;
  proposalId?: string | null;
  releaseNumber?: number | null;
  data?: Record<string, unknown>;
}

export interface ApiToken {
  id: string;
  name?: string;
  createdAt: string;
  lastUsedAt?: string | null;
  token?: string;
}
