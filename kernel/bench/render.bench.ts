// Render speed: `node --import tsx bench/render.bench.ts [grouping.json]`.
// Default grouping: kernel/examples/systemd.json when present, else small.json.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Grouping } from '@dust/model';
import { renderSeries, seriesTarGz } from '../src/render';

const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const file =
  process.argv[2] ??
  [path.join(examples, 'systemd.json'), path.join(examples, 'small.json')].find(existsSync);
if (!file) throw new Error('no grouping to render: pass a grouping JSON file');
const grouping = JSON.parse(readFileSync(file, 'utf8')) as Grouping;

function measure(label: string, runs: number, fn: () => unknown): void {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label.padEnd(28)} ${ms.toFixed(2)} ms/run (${runs} runs)`);
}

const series = renderSeries({ grouping });
const bytes = series.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
console.log(
  `${path.basename(file)}: ${grouping.flags.length} flags, ${series.files.length} files, ${bytes} bytes`,
);
measure('renderSeries', 50, () => renderSeries({ grouping }));
measure('seriesTarGz', 50, () => seriesTarGz(series));
