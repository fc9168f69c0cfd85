// Public surface of the renderer: a grouping in, a Linux 6.1 patch series out.
export { RenderError, type RenderErrorCode } from './errors';
export { DUST_AUTHOR } from './options';
export { renderSeries } from './render-series';
export { seriesTarGz } from './series-tar-gz';
export type { Author, RenderOptions, Series, SeriesFile } from './types';
