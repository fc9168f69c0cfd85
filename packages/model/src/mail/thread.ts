// Which posting a reply belongs to: the rules git send-email and public-inbox
// follow. A reply names its parent in In-Reply-To and its ancestors in
// References (root first); the nearest ancestor Dust knows decides the
// revision or release and the patch the reply answers (docs/design.md, "Mail").

/** The ids of a Message-Id, In-Reply-To or References header, without the angle brackets. */
export function parseMessageIds(header: string | undefined): string[] {
  if (!header) return [];
  const ids = [...header.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  // A bare id without brackets (some mailers write In-Reply-To that way).
  if (ids.length === 0 && /^[^<>\s]+@[^<>\s]+$/.test(header.trim())) return [header.trim()];
  return ids;
}

/** The ancestors of a message, nearest first: its parent, then References from last to first. */
export function replyAncestors(inReplyTo: string[], references: string[]): string[] {
  const out: string[] = [];
  for (const id of [...inReplyTo, ...[...references].reverse()]) {
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** Where a message sits among Dust's postings. */
export interface ThreadPoint {
  proposalId: number;
  revisionId: number | null;
  releaseId: number | null;
  /** The patch file the message is about; null for the cover letter (the series as a whole). */
  patch: string | null;
}

/**
 * The point of the nearest ancestor Dust knows (a message it sent or a reply it
 * took in), or undefined when the message answers nothing of Dust's. A reply to
 * a reply answers the same patch as its parent.
 */
export function matchThread(
  ancestors: string[],
  known: ReadonlyMap<string, ThreadPoint>,
): (ThreadPoint & { parent: string }) | undefined {
  for (const id of ancestors) {
    const point = known.get(id);
    if (point) return { ...point, parent: id };
  }
  return undefined;
}
