import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Findings, lazyMessage, MAX_DIAGNOSTICS_PER_CODE } from '../src/validate/findings';

describe('Findings', () => {
  it('keeps the first findings of a code in path order, whatever the order they came in', () => {
    const findings = new Findings();
    const total = 1000;
    for (let n = total - 1; n >= 0; n--) {
      findings.add('warning', 'X', ['flags', n, 'syscalls', 0], `x${n}`);
    }
    findings.add('error', 'Y', ['flags', 500, 'name'], 'y');
    const out = findings.toDiagnostics();
    const xs = out.filter((d) => d.code === 'X');
    assert.equal(xs.length, MAX_DIAGNOSTICS_PER_CODE);
    assert.deepEqual(
      xs.map((d) => d.message),
      Array.from({ length: MAX_DIAGNOSTICS_PER_CODE }, (_, n) => `x${n}`),
    );
    const notice = out.find((d) => d.code === 'DIAGNOSTICS_TRUNCATED');
    assert.equal(notice?.path, `/flags/${MAX_DIAGNOSTICS_PER_CODE}/syscalls/0`);
    assert.match(notice?.message ?? '', new RegExp(`^${total - MAX_DIAGNOSTICS_PER_CODE} more X`));
    assert.equal(out.at(-1)?.code, 'Y');
    assert.equal(findings.hasErrors, true);
  });

  it('orders equal paths by the order the rules ran in, and builds lazy messages', () => {
    const findings = new Findings();
    findings.add('error', 'B', ['flags', 0, 'name'], 'second rule');
    findings.add(
      'error',
      'A',
      ['flags', 0, 'name'],
      lazyMessage((n: number) => `lazy ${n}`, 7),
    );
    findings.add('error', 'C', ['kernel'], 'kernel');
    findings.add('error', 'D', ['a~b/c'], 'escaped');
    assert.deepEqual(
      findings.toDiagnostics().map((d) => [d.code, d.path, d.message]),
      [
        ['C', '/kernel', 'kernel'],
        ['B', '/flags/0/name', 'second rule'],
        ['A', '/flags/0/name', 'lazy 7'],
        ['D', '/a~0b~1c', 'escaped'],
      ],
    );
  });
});
