import { highlightDiff } from '../lib/shared/highlight-diff';

const CLASS = {
  add: 'hl-add',
  del: 'hl-del',
  hunk: 'hl-hunk',
  file: 'hl-file',
  header: 'hl-header',
  context: '',
} as const;

/** A patch with +/- lines coloured; each line is a React text node (escaped). */
export function PatchView({ text, label }: { text: string; label: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <pre className="patch" data-label={label} tabIndex={0}>
      {highlightDiff(text).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are static and positional
        <span key={i} className={CLASS[line.kind]}>
          {line.text === '' ? '\u200b' : line.text}
        </span>
      ))}
    </pre>
  );
}
