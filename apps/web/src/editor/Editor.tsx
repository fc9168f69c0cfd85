'use client';

import { type Diagnostic, type Grouping, validateGrouping } from '@dust/model';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import { type EditorAction, editorReducer, initialEditorState } from './editor-state';
import { FlagForm } from './FlagForm';
import { locateDiagnostic } from './locate-diagnostic';
import { ReferencePanel } from './ReferencePanel';
import { SubmitPanel } from './SubmitPanel';
import { syscallCatalog } from './syscall-catalog';

export interface EditorStart {
  key: string;
  label: string;
  grouping: Grouping;
}

export type EditorTarget =
  | { kind: 'new' }
  | { kind: 'revision'; proposalId: string; proposalTitle: string; nextNumber: number };

interface Props {
  starts: EditorStart[];
  initialStart: string;
  baseline: Grouping;
  target: EditorTarget;
  /** adopting a name suggestion: the editor opens with the rename applied */
  rename?: { from: string; to: string; suggestionId?: number } | null;
  signedIn: boolean;
}

declare global {
  interface Window {
    /** Re-validation timings (ms) of the last edits, read by the bench in Chromium. */
    __dustEditorTimings?: { total: number; validate: number }[];
  }
}

export function Editor({ starts, initialStart, baseline, target, rename, signedIn }: Props) {
  const [startKey, setStartKey] = useState(initialStart);
  const [state, dispatch] = useReducer(editorReducer, undefined, () => {
    const start = starts.find((s) => s.key === initialStart) ?? starts[0];
    let s = initialEditorState(start?.grouping ?? baseline);
    if (rename) s = editorReducer(s, { type: 'renameByName', from: rename.from, to: rename.to });
    return s;
  });
  // Unchanged since it opened with an adopted name: submitting records the adoption.
  const [openedWith] = useState(() => JSON.stringify(state.draft));
  const adoptOnly =
    rename?.suggestionId !== undefined && JSON.stringify(state.draft) === openedWith
      ? rename.suggestionId
      : null;

  // Timing of edit → validated → rendered, for the bench and the status line.
  const editStartedAt = useRef<number | null>(null);
  const validateMs = useRef(0);
  const timingEl = useRef<HTMLSpanElement>(null);
  const act = useCallback((action: EditorAction) => {
    editStartedAt.current = performance.now();
    dispatch(action);
  }, []);

  const report = useMemo(() => {
    const t0 = performance.now();
    const result = validateGrouping(state.draft, { baseline });
    validateMs.current = performance.now() - t0;
    return result;
  }, [state.draft, baseline]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new draft is rendered
  useLayoutEffect(() => {
    if (editStartedAt.current === null) return;
    const total = performance.now() - editStartedAt.current;
    editStartedAt.current = null;
    window.__dustEditorTimings ??= [];
    window.__dustEditorTimings.push({ total, validate: validateMs.current });
    if (timingEl.current) {
      timingEl.current.textContent = `re-validated in ${total.toFixed(1)} ms`;
    }
  }, [state.draft]);

  const catalog = useMemo(() => syscallCatalog(state.draft.kernel), [state.draft.kernel]);
  // Same findings as before the edit (typing a description, usually): skip re-rendering them.
  const fingerprint = useMemo(
    () =>
      report.diagnostics.map((d) => `${d.severity}|${d.code}|${d.path}|${d.message}`).join('\n'),
    [report.diagnostics],
  );
  const byFlag = useMemo(() => diagnosticsByFlag(report.diagnostics), [report.diagnostics]);

  // Clicking a diagnostic selects its flag, then focuses and flashes the control.
  const [focusTarget, setFocusTarget] = useState<{ id: string; seq: number } | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    const el = document.getElementById(focusTarget.id);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus();
    el.classList.remove('highlight-target');
    void el.offsetWidth;
    el.classList.add('highlight-target');
  }, [focusTarget]);

  const goTo = (d: Diagnostic) => {
    const t = locateDiagnostic(d.path);
    let id = 'flag-list';
    if (t.kind === 'flag') {
      act({ type: 'select', index: t.flag });
      id =
        t.field === 'syscalls' && t.syscall !== null
          ? `assigned-${t.syscall}`
          : t.field === 'syscalls'
            ? 'syscall-search'
            : t.field
              ? `flag-${t.field}`
              : `flag-item-${t.flag}`;
    } else if (t.kind === 'policy') {
      id = t.field === 'fork' ? 'policy-fork' : 'policy-exec';
    }
    setFocusTarget((prev) => ({ id, seq: (prev?.seq ?? 0) + 1 }));
  };

  const selected = state.selected;
  const flag = selected === null ? undefined : state.draft.flags[selected];
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;

  return (
    <div className="stack">
      <div className="row panel">
        <label>
          <span>Start from</span>
          <select
            id="start-from"
            value={startKey}
            onChange={(e) => {
              const start = starts.find((s) => s.key === e.target.value);
              if (!start) return;
              setStartKey(start.key);
              act({ type: 'load', grouping: start.grouping });
            }}
          >
            {starts.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <span className={`badge ${errors > 0 ? 'err' : 'ok'}`} data-testid="validity">
          {errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : 'valid'}
          {warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}
        </span>
        <span ref={timingEl} className="small muted" aria-live="off" />
      </div>

      <div className="editor">
        <section aria-labelledby="flags-heading" className="stack">
          <h2 id="flags-heading" style={{ marginTop: 0 }}>
            Flags ({state.draft.flags.length})
          </h2>
          <div id="flag-list" className="flags-list" tabIndex={-1}>
            {state.draft.flags.length === 0 && (
              <p className="empty">No flags yet: only the base set is allowed.</p>
            )}
            {state.draft.flags.map((f, i) => (
              <button
                type="button"
                // biome-ignore lint/suspicious/noArrayIndexKey: flags are edited in place by position
                key={`${i}-${f.bit}`}
                id={`flag-item-${i}`}
                className={`${i === selected ? 'selected' : ''}${byFlag.get(i)?.errors ? ' has-error' : ''}`}
                aria-pressed={i === selected}
                onClick={() => act({ type: 'select', index: i })}
              >
                <span className="mono">
                  {f.bit}: {f.name || '(unnamed)'}
                </span>
                <span className="small muted">{f.syscalls.length}</span>
              </button>
            ))}
          </div>
          <button type="button" onClick={() => act({ type: 'addFlag' })}>
            + Add flag
          </button>
          <fieldset className="panel">
            <legend>Fork / exec policy</legend>
            <label>
              <span>On fork</span>
              <select
                id="policy-fork"
                value={state.draft.policy.fork}
                onChange={(e) => act({ type: 'setForkPolicy', fork: e.target.value })}
              >
                <option value="inherit">inherit (child holds the parent’s flags)</option>
              </select>
            </label>
            <label>
              <span>On exec</span>
              <select
                id="policy-exec"
                value={state.draft.policy.exec ?? ''}
                onChange={(e) =>
                  act({
                    type: 'setExecPolicy',
                    exec: e.target.value === '' ? undefined : e.target.value,
                  })
                }
              >
                <option value="">(not set)</option>
                <option value="keep">keep (flags survive execve)</option>
                <option value="per-task">per-task (each task names the flags execve drops)</option>
                <option value="reset-to-base">
                  reset-to-base (only the base set after execve)
                </option>
              </select>
            </label>
          </fieldset>
        </section>

        <section aria-label="Selected flag">
          {flag && selected !== null ? (
            <FlagForm
              key={selected}
              index={selected}
              flag={flag}
              flags={state.draft.flags}
              catalog={catalog}
              diagnostics={byFlag.get(selected)?.list ?? []}
              act={act}
            />
          ) : (
            <p className="empty">Add a flag to start assigning syscalls.</p>
          )}
        </section>

        <aside className="stack">
          <section aria-labelledby="diag-heading">
            <h2 id="diag-heading" style={{ marginTop: 0 }}>
              Diagnostics <span className="small muted">({report.diagnostics.length})</span>
            </h2>
            <DiagnosticList
              diagnostics={report.diagnostics}
              fingerprint={fingerprint}
              onPick={goTo}
            />
          </section>
          <ReferencePanel
            references={starts.filter((s) => s.key !== 'baseline')}
            draft={state.draft}
          />
          <SubmitPanel
            target={target}
            grouping={state.draft}
            valid={report.valid}
            signedIn={signedIn}
            adoptSuggestion={adoptOnly}
          />
        </aside>
      </div>
    </div>
  );
}

function diagnosticsByFlag(diagnostics: readonly Diagnostic[]) {
  const map = new Map<number, { errors: number; list: Diagnostic[] }>();
  for (const d of diagnostics) {
    const t = locateDiagnostic(d.path);
    if (t.kind !== 'flag') continue;
    const entry = map.get(t.flag) ?? { errors: 0, list: [] };
    entry.list.push(d);
    if (d.severity === 'error') entry.errors++;
    map.set(t.flag, entry);
  }
  return map;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

const DiagnosticList = memo(
  function DiagnosticList({
    diagnostics,
    onPick,
  }: {
    diagnostics: readonly Diagnostic[];
    fingerprint: string;
    onPick: (d: Diagnostic) => void;
  }) {
    if (diagnostics.length === 0) return <p className="muted">No findings.</p>;
    // errors first: they are what blocks approval; the list scrolls on its own
    const ordered = [...diagnostics].sort(
      (x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity],
    );
    return (
      <ul className="stack diag-list" data-testid="diagnostics">
        {ordered.map((d) => (
          <li key={`${d.code}|${d.path}|${d.message}`}>
            <button type="button" className={`diag ${d.severity}`} onClick={() => onPick(d)}>
              <code>{d.code}</code>
              <span>{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  },
  (a, b) => a.fingerprint === b.fingerprint,
);
