import { FLAG_BIT_MAX, FLAG_NAME_PATTERN, type Flag } from '../grouping';
import { descriptionProblem } from './description';
import type { Findings } from './findings';
import { quote } from './text';

/** Name, bit and description rules of every flag, and the duplicates among them. */
export function checkFlags(flags: readonly Flag[], findings: Findings): void {
  const firstByName = new Map<string, number>();
  const firstByBit = new Map<number, number>();
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i] as Flag;
    checkName(flag.name, i, firstByName, findings);
    checkBit(flag.bit, i, firstByBit, findings);
    const problem = descriptionProblem(flag.description);
    if (problem) findings.add('error', 'DESCRIPTION_INVALID', ['flags', i, 'description'], problem);
    if (flag.syscalls.length === 0) {
      findings.add(
        'warning',
        'FLAG_EMPTY',
        ['flags', i, 'syscalls'],
        `Flag ${quote(flag.name)} permits no syscalls; setting it changes nothing.`,
      );
    }
  }
}

function checkName(
  name: string,
  i: number,
  firstByName: Map<string, number>,
  findings: Findings,
): void {
  const key = ['flags', i, 'name'];
  if (!FLAG_NAME_PATTERN.test(name)) {
    const fixed = name.toUpperCase().replace(/[^A-Z0-9_]+/g, '_');
    const hint = FLAG_NAME_PATTERN.test(fixed) ? ` (did you mean ${fixed}?)` : '';
    findings.add(
      'error',
      'FLAG_NAME_INVALID',
      key,
      `Flag name ${quote(name)} must be 1 to 32 of A-Z, 0-9 and _, starting with a letter${hint}.`,
    );
  }
  const first = firstByName.get(name);
  if (first === undefined) firstByName.set(name, i);
  else {
    findings.add(
      'error',
      'FLAG_NAME_DUPLICATE',
      key,
      `Flag name ${quote(name)} is already used by /flags/${first}.`,
    );
  }
}

function checkBit(
  bit: number,
  i: number,
  firstByBit: Map<number, number>,
  findings: Findings,
): void {
  const key = ['flags', i, 'bit'];
  if (bit < 0 || bit > FLAG_BIT_MAX) {
    findings.add(
      'error',
      'FLAG_BIT_RANGE',
      key,
      `Bit ${bit} is outside 0..${FLAG_BIT_MAX} (the prctl argument has 32 bits on 32-bit arches).`,
    );
  }
  const first = firstByBit.get(bit);
  if (first === undefined) firstByBit.set(bit, i);
  else
    findings.add(
      'error',
      'FLAG_BIT_DUPLICATE',
      key,
      `Bit ${bit} is already used by /flags/${first}.`,
    );
}
