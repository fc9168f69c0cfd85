import { RenderError } from '@dust/kernel';
import type { Tx } from '../../db/types';
import { conflict } from '../../lib/problem';
import { type ReleaseToRender, renderAndStoreSeries } from '../releases/render-release-series';

/**
 * Renders the new release's series inside the approval's transaction: a release
 * that the renderer refuses is never created, and the approval answers 409 with
 * the renderer's reason instead of leaving a release whose downloads fail for ever.
 */
export async function renderRelease(tx: Tx, release: ReleaseToRender): Promise<void> {
  try {
    await renderAndStoreSeries(tx, release);
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    throw conflict(
      'series-unrenderable',
      `The patch series of release ${release.number} cannot be rendered, so it was not approved: ${error.message}`,
      error.diagnostics.length > 0 ? { diagnostics: error.diagnostics } : {},
    );
  }
}
