import { createHash } from 'node:crypto';
import { coverLetterBody } from './cover-letter';
import { diffstat } from './diffstat';
import { formatMessage } from './format-message';
import { checkOptions } from './options';
import { corePatch } from './patch-core';
import { docsPatch } from './patch-docs';
import { kconfigPatch } from './patch-kconfig';
import { selftestPatch } from './patch-selftest';
import { uapiPatch } from './patch-uapi';
import type { PatchSpec, RenderOptions, Series } from './types';
import { type FileDiff, fileDiff } from './unified-diff';

const SIGNATURE = '-- \nDust\n\n';

function slug(subject: string): string {
  return subject
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 52)
    .replace(/-+$/, '');
}

interface RenderedPatch {
  spec: PatchSpec;
  diffs: FileDiff[];
  /** Commit message, `---`, diffstat and diffs: everything but the headers. */
  body: string;
}

function renderPatch(spec: PatchSpec, trailers: string[]): RenderedPatch {
  const diffs = [...spec.changes].sort((a, b) => (a.path < b.path ? -1 : 1)).map(fileDiff);
  const message = [spec.body, '', ...(trailers.length > 0 ? [...trailers, ''] : [])].join('\n');
  const body = `${message}---\n${diffstat(diffs)}\n${diffs.map((d) => d.text).join('')}${SIGNATURE}`;
  return { spec, diffs, body };
}

/**
 * Renders a valid grouping into a `git format-patch` style series against
 * Linux 6.1: a cover letter and five patches in kernel order (uapi, Kconfig,
 * core, documentation, selftest), each of which builds on its own (no patch
 * uses what a later one adds). The same options always give byte-identical
 * output: dates come from the release and version, ids from
 * the content. Throws RenderError for an invalid grouping or option.
 */
export function renderSeries(opts: RenderOptions): Series {
  const o = checkOptions(opts);
  const specs = [
    uapiPatch(o.grouping),
    kconfigPatch(),
    corePatch(o.grouping),
    docsPatch(o.grouping),
    selftestPatch(o.grouping),
  ];
  const patches = specs.map((s) => renderPatch(s, o.trailers));
  const total = patches.length;
  const prefix = (n: number) => `[PATCH v${o.version} ${n}/${total}]`;
  const coverSubject = `${prefix(0)} seccomp: add the flags mode (SECCOMP_MODE_FLAGS)`;
  const coverBody = `${coverLetterBody({
    grouping: o.grouping,
    previous: o.previous,
    version: o.version,
    release: o.release,
    shortlog: specs.map((s) => `    ${s.subject}`),
    authorName: o.author.name,
    diffstat: diffstat(patches.flatMap((p) => p.diffs).sort((a, b) => (a.path < b.path ? -1 : 1))),
  })}${SIGNATURE}`;

  const hash = createHash('sha256');
  for (const text of [coverBody, ...patches.map((p) => p.spec.subject + p.body)]) hash.update(text);
  const seriesHash = hash.digest('hex').slice(0, 16);
  const messageId = (n: number) =>
    `dust-r${o.release}-v${o.version}-${seriesHash}-${n}@dust.invalid`;
  const commitId = (text: string) => createHash('sha1').update(text).digest('hex');

  const cover = formatMessage({
    id: '0'.repeat(40),
    author: o.author,
    date: o.date,
    subject: coverSubject,
    messageId: messageId(0),
    body: coverBody,
  });
  const files = [{ name: '0000-cover-letter.patch', content: cover }];
  patches.forEach((p, i) => {
    const n = i + 1;
    files.push({
      name: `${String(n).padStart(4, '0')}-${slug(p.spec.subject)}.patch`,
      content: formatMessage({
        id: commitId(p.spec.subject + p.body),
        author: o.author,
        date: o.date + n * 1000,
        subject: `${prefix(n)} ${p.spec.subject}`,
        messageId: messageId(n),
        inReplyTo: messageId(0),
        body: p.body,
      }),
    });
  });
  // The mbox holds the patches only: plain `git am` stops at a message without
  // a diff, so with the cover letter in it a new user's `git am` would fail.
  const mbox = files
    .slice(1)
    .map((f) => f.content)
    .join('');
  return { version: o.version, files, mbox };
}
