import type { Grouping } from '@dust/model';
import { renderSeries } from '../render';
import type { SeriesFiles } from './types';

/** Renders the grouping with the product's renderer when the caller gave no series. */
export function renderSeriesFiles(grouping: Grouping): SeriesFiles {
  return renderSeries({ grouping });
}
