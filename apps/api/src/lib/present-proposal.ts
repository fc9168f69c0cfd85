import type { LoadedProposal, LoadedRevision } from '../domain/find-proposal';
import { presentMail } from '../domain/mail/present-mail';
import { asDiagnostics, asGrouping, iso, userRef } from './present';

export const presentRevision = (r: LoadedRevision) => ({
  proposalId: r.proposalId,
  number: r.number,
  grouping: asGrouping(r.grouping),
  changelog: r.changelog,
  baseRelease: r.baseRelease,
  valid: r.valid,
  diagnostics: asDiagnostics(r.diagnostics),
  author: userRef(r.author),
  createdAt: iso(r.createdAt),
  mail: presentMail(r.rfcPosting),
});

type ProposalSummaryRow = Pick<
  LoadedProposal,
  'id' | 'title' | 'status' | 'stale' | 'latestRevision' | 'author' | 'createdAt' | 'updatedAt'
>;

export const presentProposalSummary = (p: ProposalSummaryRow) => ({
  id: p.id,
  title: p.title,
  status: p.status,
  stale: p.stale,
  latestRevision: p.latestRevision,
  author: userRef(p.author),
  createdAt: iso(p.createdAt),
  updatedAt: iso(p.updatedAt),
});

const presentFcp = (fcp: LoadedProposal['fcps'][number] | undefined) =>
  fcp
    ? {
        disposition: fcp.disposition,
        revision: fcp.revision.number,
        startedAt: iso(fcp.startedAt),
        endsAt: iso(fcp.endsAt),
        startedBy: userRef(fcp.startedBy),
      }
    : null;

export const presentProposal = (p: LoadedProposal) => ({
  ...presentProposalSummary(p),
  rationale: p.rationale,
  revisions: p.revisions.map(presentRevision),
  fcp: presentFcp(p.fcps[0]),
});
