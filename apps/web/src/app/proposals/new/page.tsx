import type { Metadata } from 'next';
import { Editor } from '../../../editor/Editor';
import { standardStarts } from '../../../lib/server/editor-starts';
import { getBaseline } from '../../../lib/server/queries';
import { getViewer } from '../../../lib/server/viewer';
import { withProblem } from '../../../lib/server/with-problem';

export const metadata: Metadata = { title: 'New proposal' };

export default async function NewProposalPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string }>;
}) {
  const { from } = await searchParams;
  return withProblem(async () => {
    const [baseline, viewer] = await Promise.all([getBaseline(), getViewer()]);
    const starts = standardStarts(baseline);
    return (
      <>
        <h1>New proposal</h1>
        <p className="muted">
          A full flag set, validated as you type by the same validator the API runs. It can only add
          to release {baseline.release}: removing or renaming its flags is a compatibility error.
        </p>
        <Editor
          starts={starts}
          initialStart={starts.some((s) => s.key === from) ? (from as string) : 'baseline'}
          baseline={baseline.grouping}
          target={{ kind: 'new' }}
          signedIn={viewer !== null}
        />
      </>
    );
  });
}
