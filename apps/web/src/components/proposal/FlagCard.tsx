import type { Comment, NameSuggestion, Viewer } from '@dust/contract';
import type { Diagnostic, Flag } from '@dust/model';
import Link from 'next/link';
import { ActionButton } from '../actions/ActionButton';
import { CommentForm } from '../actions/CommentForm';
import { SuggestNameForm } from '../actions/SuggestNameForm';
import { CommentList } from './CommentList';

interface Props {
  proposalId: string;
  revision: number;
  flag: Flag;
  /** syscalls added / removed relative to the compared grouping */
  added: ReadonlySet<string>;
  removed: readonly string[];
  status: 'added' | 'renamed' | 'changed' | 'same';
  previousName?: string;
  diagnostics: Diagnostic[];
  comments: Comment[];
  /** comments attached to one of this flag's syscalls, by syscall */
  syscallComments: ReadonlyMap<string, Comment[]>;
  suggestions: NameSuggestion[];
  viewer: Viewer | null;
  isAuthor: boolean;
  /** the newest revision: Adopt builds on it */
  latest: number;
}

export function FlagCard(p: Props) {
  const { flag } = p;
  const errors = p.diagnostics.filter((d) => d.severity === 'error').length;
  // a syscall's own finding (worst first) marks its chip
  const syscallFindings = new Map<number, Diagnostic>();
  for (const d of p.diagnostics) {
    const position = /\/syscalls\/(\d+)$/.exec(d.path)?.[1];
    if (position === undefined) continue;
    const seen = syscallFindings.get(Number(position));
    if (!seen || (seen.severity !== 'error' && d.severity === 'error'))
      syscallFindings.set(Number(position), d);
  }
  return (
    <section
      id={`flag-${flag.name}`}
      className={`card stack ${p.status === 'added' ? 'diff-added' : p.status === 'renamed' ? 'diff-renamed' : ''}`}
      aria-labelledby={`flag-title-${flag.bit}`}
    >
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 id={`flag-title-${flag.bit}`} style={{ margin: 0 }}>
          <span className="mono">SECCOMP_FLAG_{flag.name}</span>{' '}
          <span className="muted small">bit {flag.bit}</span>
        </h3>
        <span className="row small">
          {p.status === 'added' && <span className="badge ok">new flag</span>}
          {p.status === 'renamed' && (
            <span className="badge warn">renamed from {p.previousName}</span>
          )}
          {p.status === 'changed' && <span className="badge">changed</span>}
          {errors > 0 && (
            <span className="badge err">
              {errors} error{errors === 1 ? '' : 's'}
            </span>
          )}
        </span>
      </div>
      <p style={{ margin: 0 }}>
        {flag.description || <span className="muted">(no description)</span>}
      </p>
      <div>
        {flag.syscalls.map((name, position) => {
          const talk = p.syscallComments.get(name);
          const finding = syscallFindings.get(position);
          const className = `chip${p.added.has(name) ? ' added' : ''}${finding ? ` finding-${finding.severity}` : ''}`;
          return talk?.[0] ? (
            <a
              key={name}
              href={`#comment-${talk[0].id}`}
              className={className}
              title={`${talk.length} comment${talk.length === 1 ? '' : 's'} on ${name}`}
            >
              {name} <sup>{talk.length}</sup>
            </a>
          ) : (
            <span
              key={name}
              className={className}
              title={
                finding
                  ? `${finding.code}: ${finding.message}`
                  : p.added.has(name)
                    ? 'added'
                    : undefined
              }
            >
              {name}
            </span>
          );
        })}
        {p.removed.map((name) => (
          <span key={`removed-${name}`} className="chip removed" title="removed">
            {name}
          </span>
        ))}
      </div>
      {p.diagnostics.length > 0 && (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {p.diagnostics.map((d) => (
            <li key={`${d.code}|${d.path}|${d.message}`} className={`diag ${d.severity}`}>
              <code>{d.code}</code> <span>{d.message}</span>
            </li>
          ))}
        </ul>
      )}
      <details open={p.suggestions.length > 0}>
        <summary>Name suggestions ({p.suggestions.length})</summary>
        {p.suggestions.length > 0 && (
          <ul>
            {[...p.suggestions]
              .sort((a, b) => b.votes - a.votes)
              .map((s) => (
                <li key={s.id} className="row">
                  <code>{s.name}</code>
                  <span className="badge">
                    {s.votes} vote{s.votes === 1 ? '' : 's'}
                  </span>
                  <span className="small">{s.reason}</span>
                  <span className="small muted">by {s.author.name}</span>
                  {p.viewer && (
                    <ActionButton
                      method={s.voted ? 'DELETE' : 'POST'}
                      path={`/api/name-suggestions/${encodeURIComponent(s.id)}/votes`}
                      label={s.voted ? 'Take back vote' : 'Vote'}
                    />
                  )}
                  {s.adoptedInRevision !== null && (
                    <span className="badge ok">adopted in v{s.adoptedInRevision}</span>
                  )}
                  {p.isAuthor && s.name !== flag.name && (
                    <Link
                      className="button"
                      href={`/proposals/${p.proposalId}/revise?from=v${p.latest}&renameFrom=${encodeURIComponent(flag.name)}&renameTo=${encodeURIComponent(s.name)}&suggestion=${s.id}`}
                    >
                      Adopt
                    </Link>
                  )}
                </li>
              ))}
          </ul>
        )}
        {p.viewer && <SuggestNameForm proposalId={p.proposalId} flag={flag.name} />}
      </details>
      <details open={p.comments.length > 0}>
        <summary>Comments on this flag ({p.comments.length})</summary>
        <CommentList comments={p.comments} showAttachment={false} />
        {p.viewer && (
          <CommentForm proposalId={p.proposalId} revision={p.revision} flag={flag.name} compact />
        )}
      </details>
    </section>
  );
}
