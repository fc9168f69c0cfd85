// Validating the systemd-derived grouping, measured against JSON.parse of the
// same document text in the same run (the target: at most 2x).
//   npm run bench -w @dust/model
// Rounds alternate the two measurements so that machine load hits both alike;
// the figures are the medians of the rounds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateGrouping } from '../src/index';

const text = readFileSync(
  fileURLToPath(new URL('../fixtures/systemd.grouping.json', import.meta.url)),
  'utf8',
);
const doc: unknown = JSON.parse(text);
const ITERATIONS = 2_000;
const ROUNDS = 15;
const WARMUP = 5_000;

let sink = 0; // keeps results alive so nothing is optimised away
const parse = () => {
  sink += (JSON.parse(text) as { flags: unknown[] }).flags.length;
};
const validate = () => {
  sink += validateGrouping(doc).diagnostics.length;
};

function microsPerCall(fn: () => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1000 / ITERATIONS;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const first = validateGrouping(doc);
if (!first.valid) throw new Error('the systemd fixture does not validate');
for (let i = 0; i < WARMUP; i++) {
  parse();
  validate();
}
const parseTimes: number[] = [];
const validateTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  parseTimes.push(microsPerCall(parse));
  validateTimes.push(microsPerCall(validate));
}
const parseUs = median(parseTimes);
const validateUs = median(validateTimes);
const grouping = first.grouping;
const entries = grouping?.flags.reduce((n, f) => n + f.syscalls.length, 0) ?? 0;

console.log(
  `document: fixtures/systemd.grouping.json, ${text.length} bytes, ${grouping?.flags.length} flags, ${entries} syscall entries, ${first.diagnostics.length} diagnostics`,
);
console.log(`JSON.parse(text):      ${parseUs.toFixed(1)} µs`);
console.log(`validateGrouping(doc): ${validateUs.toFixed(1)} µs`);
console.log(`ratio validate/parse:  ${(validateUs / parseUs).toFixed(2)}x (target <= 2x)`);

// The hostile case, for scale: 10 MB, 100 000 unknown names with
// comment markers. One cold run each (it is about "quickly", not about µs).
const hostileText = JSON.stringify({
  schema: 'dust.grouping/v1',
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'keep' },
  flags: [
    {
      name: 'BIG',
      bit: 0,
      description: 'hostile',
      syscalls: Array.from({ length: 100_000 }, (_, i) => `*/ evil_${i} /* ${'x'.repeat(90)}`),
    },
  ],
});
let start = performance.now();
const hostile: unknown = JSON.parse(hostileText);
const hostileParseMs = performance.now() - start;
start = performance.now();
const hostileReport = validateGrouping(hostile);
const hostileValidateMs = performance.now() - start;
console.log(
  `hostile ${(hostileText.length / 1e6).toFixed(1)} MB, 100000 unknown names: JSON.parse ${hostileParseMs.toFixed(0)} ms, validateGrouping ${hostileValidateMs.toFixed(0)} ms, ${hostileReport.diagnostics.length} diagnostics`,
);
if (sink < 0) console.log(sink);
