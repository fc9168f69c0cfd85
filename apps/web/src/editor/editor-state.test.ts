import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_GROUPING, type Grouping } from '@dust/model';
import { editorReducer, freeBit, initialEditorState } from './editor-state';
import { locateDiagnostic } from './locate-diagnostic';

const BASE: Grouping = {
  schema: 'dust.grouping/v1',
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'keep' },
  flags: [{ name: 'FILE_READ', bit: 0, description: 'Read files', syscalls: ['openat', 'close'] }],
};

test('starts from a copy: editing never mutates the source grouping', () => {
  const state = initialEditorState(BASE);
  const next = editorReducer(state, { type: 'setSyscalls', index: 0, names: ['fstat'], on: true });
  assert.deepEqual(BASE.flags[0]?.syscalls, ['openat', 'close']);
  assert.deepEqual(next.draft.flags[0]?.syscalls, ['openat', 'close', 'fstat']);
  assert.equal(state.selected, 0);
  assert.equal(initialEditorState(EMPTY_GROUPING).selected, null);
});

test('adds flags on the lowest free bit with a unique name and selects them', () => {
  let state = initialEditorState(BASE);
  state = editorReducer(state, { type: 'addFlag' });
  state = editorReducer(state, { type: 'addFlag' });
  assert.deepEqual(
    state.draft.flags.map((f) => [f.name, f.bit]),
    [
      ['FILE_READ', 0],
      ['NEW_FLAG', 1],
      ['NEW_FLAG_2', 2],
    ],
  );
  assert.equal(state.selected, 2);
  assert.equal(freeBit([{ name: 'A', bit: 1, description: '', syscalls: [] }]), 0);
});

test('multi-select adds without duplicates and removes a set', () => {
  let state = initialEditorState(BASE);
  state = editorReducer(state, {
    type: 'setSyscalls',
    index: 0,
    names: ['close', 'read', 'pread64'],
    on: true,
  });
  assert.deepEqual(state.draft.flags[0]?.syscalls, ['openat', 'close', 'read', 'pread64']);
  state = editorReducer(state, {
    type: 'setSyscalls',
    index: 0,
    names: ['openat', 'read'],
    on: false,
  });
  assert.deepEqual(state.draft.flags[0]?.syscalls, ['close', 'pread64']);
  state = editorReducer(state, { type: 'removeSyscallAt', index: 0, position: 0 });
  assert.deepEqual(state.draft.flags[0]?.syscalls, ['pread64']);
});

test('renames by name (adopting a suggestion), edits fields, and removes flags', () => {
  let state = initialEditorState(BASE);
  state = editorReducer(state, { type: 'addFlag' });
  state = editorReducer(state, { type: 'renameByName', from: 'FILE_READ', to: 'FS_READ' });
  assert.equal(state.draft.flags[0]?.name, 'FS_READ');
  assert.equal(state.selected, 0);
  assert.equal(editorReducer(state, { type: 'renameByName', from: 'NOPE', to: 'X' }), state);
  state = editorReducer(state, { type: 'setDescription', index: 1, description: 'Net' });
  state = editorReducer(state, { type: 'setBit', index: 1, bit: 7 });
  assert.deepEqual(state.draft.flags[1], {
    name: 'NEW_FLAG',
    bit: 7,
    description: 'Net',
    syscalls: [],
  });
  state = editorReducer(state, { type: 'removeFlag', index: 0 });
  assert.equal(state.draft.flags.length, 1);
  assert.equal(state.selected, 0);
  state = editorReducer(state, { type: 'removeFlag', index: 0 });
  assert.equal(state.selected, null);
});

test('sets and clears the exec policy', () => {
  let state = initialEditorState(BASE);
  state = editorReducer(state, { type: 'setExecPolicy', exec: undefined });
  assert.equal('exec' in state.draft.policy, false);
  state = editorReducer(state, { type: 'setExecPolicy', exec: 'reset-to-base' });
  assert.equal(state.draft.policy.exec, 'reset-to-base');
  state = editorReducer(state, { type: 'setExecPolicy', exec: 'per-task' });
  assert.equal(state.draft.policy.exec, 'per-task');
  state = editorReducer(state, { type: 'setForkPolicy', fork: 'inherit' });
  assert.equal(state.draft.policy.fork, 'inherit');
});

test('locates diagnostics from their JSON Pointer', () => {
  assert.deepEqual(locateDiagnostic('/flags/2/syscalls/5'), {
    kind: 'flag',
    flag: 2,
    field: 'syscalls',
    syscall: 5,
  });
  assert.deepEqual(locateDiagnostic('/flags/0/name'), {
    kind: 'flag',
    flag: 0,
    field: 'name',
    syscall: null,
  });
  assert.deepEqual(locateDiagnostic('/flags/1'), {
    kind: 'flag',
    flag: 1,
    field: null,
    syscall: null,
  });
  assert.deepEqual(locateDiagnostic('/policy/exec'), { kind: 'policy', field: 'exec' });
  assert.deepEqual(locateDiagnostic(''), { kind: 'document' });
  assert.deepEqual(locateDiagnostic('/flags/x'), { kind: 'document' });
});
