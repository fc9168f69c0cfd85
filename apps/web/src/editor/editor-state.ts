import { FLAG_BIT_MAX, type Flag, type Grouping } from '@dust/model';

// The editor's state and its reducer: pure, so it is unit-tested without a browser.
// The draft is a full grouping document; the validator sees exactly what will be submitted.

export interface EditorState {
  draft: Grouping;
  /** Index into draft.flags of the flag being edited, or null when there is none. */
  selected: number | null;
}

export type EditorAction =
  | { type: 'load'; grouping: Grouping }
  | { type: 'select'; index: number }
  | { type: 'addFlag' }
  | { type: 'removeFlag'; index: number }
  | { type: 'setName'; index: number; name: string }
  | { type: 'renameByName'; from: string; to: string }
  | { type: 'setBit'; index: number; bit: number }
  | { type: 'setDescription'; index: number; description: string }
  | { type: 'setSyscalls'; index: number; names: readonly string[]; on: boolean }
  | { type: 'removeSyscallAt'; index: number; position: number }
  | { type: 'setExecPolicy'; exec: string | undefined }
  | { type: 'setForkPolicy'; fork: string };

export function initialEditorState(grouping: Grouping): EditorState {
  const draft = cloneGrouping(grouping);
  return { draft, selected: draft.flags.length > 0 ? 0 : null };
}

export function cloneGrouping(g: Grouping): Grouping {
  return {
    schema: g.schema,
    kernel: g.kernel,
    policy: { ...g.policy },
    flags: g.flags.map((f) => ({ ...f, syscalls: [...f.syscalls] })),
  };
}

/** The lowest bit no flag uses, or the one past the highest when all 0..31 are taken. */
export function freeBit(flags: readonly Flag[]): number {
  const used = new Set(flags.map((f) => f.bit));
  for (let bit = 0; bit <= FLAG_BIT_MAX; bit++) if (!used.has(bit)) return bit;
  return Math.max(...used) + 1;
}

function unusedName(flags: readonly Flag[]): string {
  const names = new Set(flags.map((f) => f.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'NEW_FLAG' : `NEW_FLAG_${n}`;
    if (!names.has(name)) return name;
  }
}

function updateFlag(state: EditorState, index: number, change: (f: Flag) => Flag): EditorState {
  const flag = state.draft.flags[index];
  if (!flag) return state;
  const flags = state.draft.flags.slice();
  flags[index] = change(flag);
  return { ...state, draft: { ...state.draft, flags } };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load':
      return initialEditorState(action.grouping);
    case 'select':
      return action.index >= 0 && action.index < state.draft.flags.length
        ? { ...state, selected: action.index }
        : state;
    case 'addFlag': {
      const flags = state.draft.flags;
      const flag: Flag = {
        name: unusedName(flags),
        bit: freeBit(flags),
        description: '',
        syscalls: [],
      };
      return { draft: { ...state.draft, flags: [...flags, flag] }, selected: flags.length };
    }
    case 'removeFlag': {
      if (!state.draft.flags[action.index]) return state;
      const flags = state.draft.flags.filter((_, i) => i !== action.index);
      const selected = flags.length === 0 ? null : Math.min(state.selected ?? 0, flags.length - 1);
      return { draft: { ...state.draft, flags }, selected };
    }
    case 'setName':
      return updateFlag(state, action.index, (f) => ({ ...f, name: action.name }));
    case 'renameByName': {
      const index = state.draft.flags.findIndex((f) => f.name === action.from);
      if (index < 0) return state;
      return { ...updateFlag(state, index, (f) => ({ ...f, name: action.to })), selected: index };
    }
    case 'setBit':
      return updateFlag(state, action.index, (f) => ({ ...f, bit: action.bit }));
    case 'setDescription':
      return updateFlag(state, action.index, (f) => ({ ...f, description: action.description }));
    case 'setSyscalls':
      return updateFlag(state, action.index, (f) => {
        if (action.on) {
          const present = new Set(f.syscalls);
          const added = action.names.filter((n) => !present.has(n));
          return added.length === 0 ? f : { ...f, syscalls: [...f.syscalls, ...added] };
        }
        const removed = new Set(action.names);
        return { ...f, syscalls: f.syscalls.filter((n) => !removed.has(n)) };
      });
    case 'removeSyscallAt':
      return updateFlag(state, action.index, (f) => ({
        ...f,
        syscalls: f.syscalls.filter((_, i) => i !== action.position),
      }));
    case 'setExecPolicy': {
      const policy = { ...state.draft.policy };
      if (action.exec === undefined) delete policy.exec;
      else policy.exec = action.exec;
      return { ...state, draft: { ...state.draft, policy } };
    }
    case 'setForkPolicy':
      return {
        ...state,
        draft: { ...state.draft, policy: { ...state.draft.policy, fork: action.fork } },
      };
  }
}
