import type { SeriesLinks } from '@dust/contract';
import { getPreview } from '../../lib/server/queries';
import { ApiError } from '../../lib/shared/problem';
import { SeriesView } from '../SeriesView';

interface Props {
  proposalId: number;
  revision: number;
  valid: boolean;
  selected: string | undefined;
}

/** The series a revision would become if approved now, or why there is none. */
export async function SeriesPreview({ proposalId, revision, valid, selected }: Props) {
  if (!valid)
    return <p className="muted">A series is rendered for valid and compatible revisions only.</p>;
  let series: SeriesLinks;
  try {
    series = await getPreview(proposalId, revision);
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
  return (
    <SeriesView
      series={series}
      selected={selected}
      hrefFor={(file) =>
        `/proposals/${proposalId}?rev=${revision}&patch=${encodeURIComponent(file)}#series`
      }
      label={`Preview of v${revision}`}
    />
  );
}
