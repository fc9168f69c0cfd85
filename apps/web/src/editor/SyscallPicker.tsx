'use client';

import type { Arch } from '@dust/model';
import { type KeyboardEvent, memo, useCallback, useMemo, useRef, useState } from 'react';
import { ALL_ARCHES, type CatalogEntry, filterCatalog } from './syscall-catalog';

// Search + multi-select over every syscall of the kernel. A listbox: arrow keys move,
// Space toggles, Shift+Space toggles the range from the last toggled row; "Add all shown"
// and "Remove all shown" act on the search result. Rows are memoised so a change
// re-renders only the rows whose state changed.

interface Props {
  catalog: readonly CatalogEntry[];
  assigned: ReadonlySet<string>;
  /** syscall → names of the other flags that grant it */
  elsewhere: ReadonlyMap<string, string>;
  onSet: (names: readonly string[], on: boolean) => void;
  flagName: string;
}

export function SyscallPicker({ catalog, assigned, elsewhere, onSet, flagName }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const anchor = useRef<number | null>(null);
  const shown = useMemo(() => filterCatalog(catalog, query), [catalog, query]);
  const assignedRef = useRef(assigned);
  assignedRef.current = assigned;
  const shownRef = useRef(shown);
  shownRef.current = shown;

  const toggleAt = useCallback(
    (index: number, range: boolean) => {
      const list = shownRef.current;
      const entry = list[index];
      if (!entry) return;
      const on = !assignedRef.current.has(entry.name);
      if (range && anchor.current !== null) {
        const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
        onSet(
          list.slice(from, to + 1).map((e) => e.name),
          on,
        );
      } else {
        onSet([entry.name], on);
      }
      anchor.current = index;
      setActive(index);
    },
    [onSet],
  );

  const listRef = useRef<HTMLDivElement>(null);
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    setActive(next);
    listRef.current?.querySelector(`[data-index="${next}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = keyTarget(event.key, active, shown.length);
    if (target !== null) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      toggleAt(active, event.shiftKey);
    }
  };

  const shownNames = shown.map((e) => e.name);
  const shownAssigned = shownNames.filter((n) => assigned.has(n)).length;
  const activeEntry = shown[active];

  return (
    <div className="stack">
      <div className="row">
        <label style={{ flex: 1 }}>
          <span>Search syscalls (several words match any)</span>
          <input
            id="syscall-search"
            type="search"
            value={query}
            placeholder="e.g. stat open, clock"
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              anchor.current = null;
            }}
            style={{ width: '100%' }}
            aria-controls="syscall-listbox"
          />
        </label>
      </div>
      <div className="row small">
        <span className="muted">
          {shown.length} shown, {shownAssigned} of them in {flagName}
        </span>
        <button type="button" onClick={() => onSet(shownNames, true)} disabled={shown.length === 0}>
          Add all shown
        </button>
        <button
          type="button"
          onClick={() => onSet(shownNames, false)}
          disabled={shownAssigned === 0}
        >
          Remove all shown
        </button>
      </div>
      <div
        id="syscall-listbox"
        ref={listRef}
        className="picker"
        role="listbox"
        aria-multiselectable="true"
        aria-label={`Syscalls granted by ${flagName}`}
        aria-activedescendant={activeEntry ? `opt-${activeEntry.name}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {shown.length === 0 && <div className="empty">No syscall matches “{query}”.</div>}
        {shown.map((entry, index) => (
          <PickerRow
            key={entry.name}
            index={index}
            entry={entry}
            checked={assigned.has(entry.name)}
            active={index === active}
            elsewhere={elsewhere.get(entry.name) ?? ''}
            onToggle={toggleAt}
          />
        ))}
      </div>
      <p className="small muted">
        Keyboard: focus the list, ↑/↓ to move, Space to toggle, Shift+Space to toggle a range.
        Arches: x64 = x86_64, x86 = i386, a64 = arm64, rv64 = riscv64; struck out where the call
        does not exist.
      </p>
    </div>
  );
}

/** Short arch labels so a row stays on one line (the full name is in the title). */
const ARCH_LABEL: Partial<Record<Arch, string>> = {
  x86_64: 'x64',
  i386: 'x86',
  arm64: 'a64',
  riscv64: 'rv64',
  ppc64le: 'ppc',
  s390x: 's390',
};

/** Where a navigation key moves the active row; null for other keys. */
function keyTarget(key: string, active: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return active + 1;
    case 'ArrowUp':
      return active - 1;
    case 'PageDown':
      return active + 10;
    case 'PageUp':
      return active - 10;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

const PickerRow = memo(function PickerRow({
  index,
  entry,
  checked,
  active,
  elsewhere,
  onToggle,
}: {
  index: number;
  entry: CatalogEntry;
  checked: boolean;
  active: boolean;
  elsewhere: string;
  onToggle: (index: number, range: boolean) => void;
}) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard
    // biome-ignore lint/a11y/useFocusableInteractive: options of an aria-activedescendant listbox are not focused
    <div
      id={`opt-${entry.name}`}
      data-index={index}
      role="option"
      aria-selected={checked}
      className={`picker-row${checked ? ' checked' : ''}${active ? ' focused' : ''}`}
      onClick={(e) => onToggle(index, e.shiftKey)}
    >
      {/* A drawn box, not an <input>: a control inside an option is a nested control. */}
      <span className="picker-check" aria-hidden="true">
        {checked ? '☑' : '☐'}
      </span>
      <span className="mono">{entry.name}</span>
      <span>
        {ALL_ARCHES.map((arch: Arch) => (
          <span
            key={arch}
            className={`arch${entry.arches.has(arch) ? '' : ' missing'}`}
            title={entry.arches.has(arch) ? `on ${arch}` : `not on ${arch}`}
          >
            {ARCH_LABEL[arch] ?? arch}{' '}
          </span>
        ))}
      </span>
      <span className="small muted">{elsewhere}</span>
    </div>
  );
});
