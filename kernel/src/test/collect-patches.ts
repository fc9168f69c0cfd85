import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SeriesFiles } from './types';

export interface PatchFile {
  name: string;
  content: string;
}

const PATCH_NAME = /^\d{4}-[A-Za-z0-9._-]+\.patch$/;

/** A patch carries a diff; the cover letter does not and is not applied or checked. */
function carriesDiff(content: string): boolean {
  return /^diff --git /m.test(content);
}

/** The series' patches in order (cover letter left out); throws with a clear message when there are none. */
export function collectPatches(source: { series?: SeriesFiles; seriesDir?: string }): PatchFile[] {
  let files: PatchFile[];
  if (source.series) {
    files = source.series.files.map((f) => ({ name: path.basename(f.name), content: f.content }));
  } else if (source.seriesDir) {
    const dir = source.seriesDir;
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new Error(`series directory ${dir} does not exist`);
    files = readdirSync(dir)
      .filter((name) => PATCH_NAME.test(name))
      .map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
  } else {
    throw new Error('no series given');
  }
  const patches = files
    .filter((f) => PATCH_NAME.test(f.name) && carriesDiff(f.content))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (patches.length === 0) throw new Error('the series holds no NNNN-*.patch file with a diff');
  return patches;
}
