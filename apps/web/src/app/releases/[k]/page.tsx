import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BuildVerdict } from '../../../components/BuildVerdict';
import { GroupingChanges } from '../../../components/GroupingChanges';
import { MailStatusView } from '../../../components/MailStatusView';
import { SeriesView } from '../../../components/SeriesView';
import { Time } from '../../../components/Time';
import { publicOrigin } from '../../../lib/server/public-origin';
import { getRelease } from '../../../lib/server/queries';
import { withProblem } from '../../../lib/server/with-problem';

type Params = { k: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { k } = await params;
  return { title: `Release ${k}` };
}

export default async function ReleasePage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ patch?: string }>;
}) {
  const { k } = await params;
  const { patch } = await searchParams;
  if (!/^\d+$/.test(k)) notFound();
  return withProblem(async () => {
    const number = Number(k);
    const [release, previous, origin] = await Promise.all([
      getRelease(k),
      number > 0 ? getRelease(String(number - 1)) : null,
      publicOrigin(),
    ]);
    if (!release) notFound();
    const base = `/api/releases/${number}`;
    const command = `curl -sSf ${origin}${base}/series.mbox -o dust-release-${number}.mbox && git am dust-release-${number}.mbox`;
    return (
      <>
        <h1>Release {release.number}</h1>
        <p className="muted">
          <Time iso={release.createdAt} />
          {release.proposal && (
            <>
              {' · from '}
              <Link href={`/proposals/${release.proposal.id}?rev=${release.proposal.revision}`}>
                #{release.proposal.id} {release.proposal.title} v{release.proposal.revision}
              </Link>
            </>
          )}
        </p>

        <h2>Build verdict</h2>
        <BuildVerdict build={release.build} />
        {release.mail && (
          <MailStatusView mail={release.mail} what={`the v${release.number} series`} />
        )}

        {release.series ? (
          <>
            <h2>Apply it</h2>
            <p>To a Linux 6.1 tree:</p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
            <pre className="patch" data-testid="git-am-command" tabIndex={0}>
              {command}
            </pre>
          </>
        ) : (
          <p className="muted">
            Release 0 is the starting point: no flags, strict mode’s base set only. No patches.
          </p>
        )}

        <h2>Changes since {previous ? `release ${previous.number}` : 'nothing'}</h2>
        <GroupingChanges from={previous?.grouping ?? null} to={release.grouping} />

        <h2>Grouping</h2>
        <FlagTable release={release} />

        {release.series && (
          <>
            <h2 id="series">Patch series</h2>
            <SeriesView
              series={release.series}
              selected={patch}
              hrefFor={(file) => `/releases/${number}?patch=${encodeURIComponent(file)}#series`}
              label={`Release ${number}`}
            />
          </>
        )}
      </>
    );
  });
}

function FlagTable({
  release,
}: {
  release: {
    grouping: {
      flags: { name: string; bit: number; description: string; syscalls: string[] }[];
      policy: { fork: string; exec?: string };
    };
  };
}) {
  const { flags, policy } = release.grouping;
  return (
    <>
      <p className="small">
        Policy: fork <code>{policy.fork}</code>, exec <code>{policy.exec ?? '(not set)'}</code>
      </p>
      {flags.length === 0 ? (
        <p className="empty">No flags: only the base set (read, write, exit, rt_sigreturn).</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th className="num">Bit</th>
              <th>Flag</th>
              <th>Description</th>
              <th>Syscalls</th>
            </tr>
          </thead>
          <tbody>
            {[...flags]
              .sort((x, y) => x.bit - y.bit)
              .map((f) => (
                <tr key={f.bit}>
                  <td className="num">{f.bit}</td>
                  <td className="mono">SECCOMP_FLAG_{f.name}</td>
                  <td>{f.description}</td>
                  <td className="small mono">{f.syscalls.join(' ')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </>
  );
}
