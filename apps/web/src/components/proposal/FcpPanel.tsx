import type { Proposal, Viewer } from '@dust/contract';
import { ActionButton } from '../actions/ActionButton';
import { Time } from '../Time';
import { TimeLeft } from './TimeLeft';

interface Props {
  proposal: Proposal;
  viewer: Viewer | null;
  /** the newest revision number: an FCP is always about it */
  latest: number;
}

/**
 * The final comment period (docs/design.md, "Review workflow"): a banner with the time
 * left while one runs, and for maintainers the buttons to start or cancel one. The API
 * decides whether one may start (409 fcp-blocked, shown beside the button).
 */
export function FcpPanel({ proposal, viewer, latest }: Props) {
  const isMaintainer = viewer?.role === 'maintainer' || viewer?.role === 'admin';
  const id = encodeURIComponent(String(proposal.id));
  const fcp = proposal.fcp;
  if (fcp) {
    const verb = fcp.disposition === 'approve' ? 'approved' : 'rejected';
    return (
      <section className="fcp-banner" role="status" aria-label="Final comment period">
        <strong>
          Final comment period: v{fcp.revision} will be {verb}
        </strong>{' '}
        when it ends at <Time iso={fcp.endsAt} /> (
        <TimeLeft endsAt={fcp.endsAt} renderedAt={Date.now()} />
        ), unless a concern, a new revision or a moved baseline cancels it. Started by{' '}
        {fcp.startedBy.name}.
        {isMaintainer && (
          <>
            {' '}
            <ActionButton
              method="DELETE"
              path={`/api/proposals/${id}/fcp`}
              label="Cancel final comment period"
            />
          </>
        )}
      </section>
    );
  }
  if (!isMaintainer || proposal.status !== 'open') return null;
  const start = `/api/proposals/${id}/revisions/${latest}/fcp`;
  return (
    <p className="row small">
      Final comment period on v{latest}:
      <ActionButton
        method="POST"
        path={start}
        body={{ disposition: 'approve' }}
        label="Start FCP to approve"
      />
      <ActionButton
        method="POST"
        path={start}
        body={{ disposition: 'reject' }}
        label="Start FCP to reject"
      />
    </p>
  );
}
