// A tiny highlighter for git-format-patch text (cover letter, patches, mbox). It only
// classifies lines; the text of each line is kept verbatim and rendered by React as a
// text node, so nothing in a patch (user-written names, descriptions) can become markup.

export type LineKind = 'add' | 'del' | 'hunk' | 'file' | 'header' | 'context';

export interface HighlightedLine {
  kind: LineKind;
  text: string;
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
const MAIL_HEADER =
  /^(From [0-9a-f]{7,40} |From: |Date: |Subject: |To: |Cc: |Message-Id: |In-Reply-To: |References: )/i;

/** Classifies each line of a patch; hunks are counted so "---"/"+++" inside them stay body lines. */
export function highlightDiff(text: string): HighlightedLine[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: HighlightedLine[] = [];
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of lines) {
    if (oldLeft > 0 || newLeft > 0) {
      const kind = hunkLineKind(line);
      if (kind === 'del') oldLeft--;
      else if (kind === 'add') newLeft--;
      else if (kind === 'context') {
        oldLeft--;
        newLeft--;
      }
      out.push({ kind, text: line });
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      out.push({ kind: 'hunk', text: line });
    } else if (
      /^(diff --git |index |--- (a\/|\/dev\/null)|\+\+\+ (b\/|\/dev\/null)|new file mode |deleted file mode )/.test(
        line,
      )
    ) {
      out.push({ kind: 'file', text: line });
    } else if (MAIL_HEADER.test(line)) {
      out.push({ kind: 'header', text: line });
    } else {
      out.push({ kind: 'context', text: line });
    }
  }
  return out;
}

function hunkLineKind(line: string): LineKind {
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith('\\')) return 'header'; // "\ No newline at end of file"
  return 'context';
}
