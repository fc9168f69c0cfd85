import { ApiError } from '../../lib/problem';
import { getPreviewMbox } from '../../lib/queries';
import { PatchView } from '../PatchView';

/** The rendered series for a revision (cover letter and patches), highlighted. */
export async function SeriesPreview({
  proposalId,
  revision,
  valid,
}: {
  proposalId: string;
  revision: number;
  valid: boolean;
}) {
  if (!valid) return <p className="muted">A series is rendered for valid revisions only.</p>;
  let mbox: string;
  try {
    mbox = await getPreviewMbox(proposalId, revision);
  } catch (error) {
    if (error instanceof ApiError) {
      return (
        <p className="muted">
          No preview: {error.problem.title}
          {error.problem.detail ? ` (${error.problem.detail})` : ''}
        </p>
      );
    }
    throw error;
  }
  const base = `/api/proposals/${encodeURIComponent(proposalId)}/revisions/${revision}/preview`;
  return (
    <div className="stack">
      <p className="row">
        <a className="button" href={`${base}/series.mbox`} download>
          Download mbox
        </a>
        <a className="button" href={`${base}/series.tar.gz`} download>
          Download tar.gz
        </a>
      </p>
      <PatchView text={mbox} label={`Patch series preview of v${revision}`} />
    </div>
  );
}
