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
    <pre className="patch" data-label={label}>
      {highlightDiff(text).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are static and positional
        <span key={i} className={CLASS[line.kind]}>
          {line.text === '' ? '\u200b' : line.text}
        </span>
      ))}
    </pre>
  );
}
