import type { SeriesLinks } from '@dust/contract';
import { apiGetText } from '../lib/server/api-client';
import { PatchView } from './PatchView';

interface Props {
  series: SeriesLinks;
  /** file name to show; the cover letter (first file) by default */
  selected: string | undefined;
  /** link to this page showing another file */
  hrefFor: (file: string) => string;
  label: string;
}

/**
 * A patch series: downloads, the list of its files, and one file (the cover letter unless
 * another is picked) highlighted. One file at a time keeps big series' pages small.
 */
export async function SeriesView({ series, selected, hrefFor, label }: Props) {
  const file = series.files.find((f) => f.name === selected) ?? series.files[0];
  const text = file ? await apiGetText(file.url) : '';
  return (
    <div className="stack">
      <p className="row">
        <a className="button primary" href={series.mbox} download>
          Download mbox
        </a>
        <a className="button" href={series.tarGz} download>
          Download tar.gz
        </a>
        <span className="small muted">{series.version}</span>
      </p>
      <nav className="tabs" aria-label={`${label}: files`}>
        {series.files.map((f) => (
          <a
            key={f.name}
            href={hrefFor(f.name)}
            aria-current={f === file ? 'page' : undefined}
            className="small"
          >
            {f.name}
          </a>
        ))}
      </nav>
      {file && (
        <>
          <p className="small">
            <a href={file.url} download>
              Download {file.name}
            </a>{' '}
            ({file.size} bytes)
          </p>
          <PatchView text={text} label={`${label}: ${file.name}`} />
        </>
      )}
    </div>
  );
}
