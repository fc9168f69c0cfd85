import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Editor, type EditorStart } from '../../../../editor/Editor';
import { standardStarts } from '../../../../lib/server/editor-starts';
import { getBaseline, getProposal } from '../../../../lib/server/queries';
import { getViewer } from '../../../../lib/server/viewer';
import { withProblem } from '../../../../lib/server/with-problem';

export const metadata: Metadata = { title: 'New revision' };

type Search = { from?: string; renameFrom?: string; renameTo?: string; suggestion?: string };

export default async function RevisePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const { from, renameFrom, renameTo, suggestion } = await searchParams;
  return withProblem(async () => {
    const [proposal, baseline, viewer] = await Promise.all([
      getProposal(id),
      getBaseline(),
      getViewer(),
    ]);
    if (!proposal) notFound();
    const revisions = [...proposal.revisions].sort((a, b) => b.number - a.number);
    const numbers = revisions.map((r) => r.number);
    const starts: EditorStart[] = [
      ...revisions.map((r) => ({
        key: `v${r.number}`,
        label: `Revision v${r.number}`,
        grouping: r.grouping,
      })),
      ...standardStarts(baseline),
    ];
    const initial =
      from && starts.some((s) => s.key === from) ? from : (starts[0]?.key ?? 'baseline');
    const suggestionId = suggestion && /^\d+$/.test(suggestion) ? Number(suggestion) : undefined;
    const rename = renameFrom && renameTo ? { from: renameFrom, to: renameTo, suggestionId } : null;
    return (
      <>
        <h1>
          New revision of{' '}
          <Link href={`/proposals/${proposal.id}`}>
            #{proposal.id} {proposal.title}
          </Link>
        </h1>
        {rename && (
          <p className="panel">
            Adopting the suggested name: <code>{rename.from}</code> → <code>{rename.to}</code>.
            Review and submit with a changelog.
          </p>
        )}
        {viewer && viewer.id !== proposal.author.id && (
          <p className="muted">Only the author, {proposal.author.name}, can submit revisions.</p>
        )}
        <Editor
          starts={starts}
          initialStart={initial}
          baseline={baseline.grouping}
          target={{
            kind: 'revision',
            proposalId: String(proposal.id),
            proposalTitle: proposal.title,
            nextNumber: (numbers[0] ?? 0) + 1,
          }}
          rename={rename}
          signedIn={viewer !== null}
        />
      </>
    );
  });
}
