import type { Problem } from '@dust/contract';

/** Problem details (RFC 9457) from the API, shown as a page section. */
export function ProblemView({ problem }: { problem: Problem }) {
  return (
    <section className="card stack" role="alert" aria-labelledby="problem-title">
      <h1 id="problem-title">
        {problem.status} {problem.title}
      </h1>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.type && problem.type !== 'about:blank' && (
        <p className="small muted">
          Type: <code>{problem.type}</code>
        </p>
      )}
      {problem.diagnostics && problem.diagnostics.length > 0 && (
        <ul>
          {problem.diagnostics.map((d) => (
            <li key={`${d.code}|${d.path}|${d.message}`} className={`diag ${d.severity}`}>
              <code>{d.code}</code> <span className="mono small">{d.path || '/'}</span> {d.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
