'use client';

import type { Diagnostic, Flag } from '@dust/model';
import { memo, useCallback, useMemo, useState } from 'react';
import type { EditorAction } from './editor-state';
import { SyscallPicker } from './SyscallPicker';
import type { CatalogEntry } from './syscall-catalog';

interface Props {
  index: number;
  flag: Flag;
  flags: readonly Flag[];
  catalog: readonly CatalogEntry[];
  diagnostics: readonly Diagnostic[];
  act: (action: EditorAction) => void;
}

export function FlagForm({ index, flag, flags, catalog, diagnostics, act }: Props) {
  const [typed, setTyped] = useState('');
  const assigned = useMemo(() => new Set(flag.syscalls), [flag.syscalls]);
  const elsewhere = useMemo(() => {
    const map = new Map<string, string[]>();
    flags.forEach((other, i) => {
      if (i === index) return;
      for (const name of other.syscalls) {
        const list = map.get(name) ?? [];
        list.push(other.name);
        map.set(name, list);
      }
    });
    return new Map([...map].map(([k, v]) => [k, `also in ${v.join(', ')}`]));
  }, [flags, index]);
  const badSyscalls = useMemo(() => {
    const bad = new Map<number, Diagnostic>();
    for (const d of diagnostics) {
      const m = /\/syscalls\/(\d+)$/.exec(d.path);
      if (m && (d.severity === 'error' || !bad.has(Number(m[1])))) bad.set(Number(m[1]), d);
    }
    return bad;
  }, [diagnostics]);
  const onSet = useCallback(
    (names: readonly string[], on: boolean) => act({ type: 'setSyscalls', index, names, on }),
    [act, index],
  );
  // Keyed by name (and occurrence, for a repeated name): removing one chip moves the others
  // instead of re-creating every chip after it.
  const chipKeys = useMemo(() => {
    const seen = new Map<string, number>();
    return flag.syscalls.map((name) => {
      const nth = seen.get(name) ?? 0;
      seen.set(name, nth + 1);
      return `${name}#${nth}`;
    });
  }, [flag.syscalls]);
  const removeAt = useCallback(
    (position: number) => act({ type: 'removeSyscallAt', index, position }),
    [act, index],
  );
  const fieldDiag = (field: string) =>
    diagnostics
      .filter((d) => d.path === `/flags/${index}/${field}`)
      .map((d) => d.message)
      .join(' ');

  return (
    <div className="stack">
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label style={{ flex: 2 }}>
          <span>Name (SECCOMP_FLAG_…)</span>
          <input
            id="flag-name"
            className="mono"
            value={flag.name}
            onChange={(e) => act({ type: 'setName', index, name: e.target.value })}
            aria-invalid={fieldDiag('name') !== ''}
            aria-describedby="flag-name-error"
            style={{ width: '100%' }}
          />
        </label>
        <label style={{ width: '6rem' }}>
          <span>Bit</span>
          <input
            id="flag-bit"
            type="number"
            value={Number.isNaN(flag.bit) ? '' : flag.bit}
            onChange={(e) => act({ type: 'setBit', index, bit: e.target.valueAsNumber })}
            style={{ width: '100%' }}
          />
        </label>
        <button type="button" className="danger" onClick={() => act({ type: 'removeFlag', index })}>
          Remove flag
        </button>
      </div>
      <p id="flag-name-error" className="error-text small" role="status">
        {fieldDiag('name')} {fieldDiag('bit')}
      </p>
      <label>
        <span>Description (one line, at most 200 characters)</span>
        <input
          id="flag-description"
          value={flag.description}
          onChange={(e) => act({ type: 'setDescription', index, description: e.target.value })}
          style={{ width: '100%' }}
        />
      </label>
      {fieldDiag('description') && <p className="error-text small">{fieldDiag('description')}</p>}

      <div>
        <h3>Granted syscalls ({flag.syscalls.length})</h3>
        {flag.syscalls.length === 0 ? (
          <p className="muted small">None yet: pick them below.</p>
        ) : (
          <div>
            {flag.syscalls.map((name, position) => {
              const d = badSyscalls.get(position);
              return (
                <AssignedChip
                  key={chipKeys[position]}
                  name={name}
                  position={position}
                  problem={d ? `${d.severity}|${d.code}|${d.message}` : ''}
                  onRemove={removeAt}
                />
              );
            })}
          </div>
        )}
        <form
          className="row"
          style={{ marginTop: '0.5rem' }}
          onSubmit={(e) => {
            e.preventDefault();
            const names = typed.split(/[\s,]+/).filter(Boolean);
            if (names.length > 0) act({ type: 'setSyscalls', index, names, on: true });
            setTyped('');
          }}
        >
          <input
            id="add-by-name"
            className="mono"
            placeholder="add by name: openat, close"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-label="Add syscalls by name"
          />
          <button type="submit">Add</button>
        </form>
      </div>

      <SyscallPicker
        catalog={catalog}
        assigned={assigned}
        elsewhere={elsewhere}
        onSet={onSet}
        flagName={flag.name || 'this flag'}
      />
    </div>
  );
}

/** One granted syscall; memoised so an edit elsewhere does not re-render hundreds of them. */
const AssignedChip = memo(function AssignedChip({
  name,
  position,
  problem,
  onRemove,
}: {
  name: string;
  position: number;
  /** "severity|code|message" of its worst diagnostic, or "" */
  problem: string;
  onRemove: (position: number) => void;
}) {
  const [severity, code, message] = problem ? problem.split('|', 3) : [];
  return (
    <button
      type="button"
      id={`assigned-${position}`}
      className={`chip${severity === 'error' ? ' removed' : ''}`}
      title={code ? `${code}: ${message} — click to remove` : 'Click to remove'}
      aria-label={`Remove ${name}${code ? ` (${code})` : ''}`}
      onClick={() => onRemove(position)}
    >
      {name} ×
    </button>
  );
});
