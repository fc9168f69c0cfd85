import type { Diagnostic } from '@dust/model';

export type RenderErrorCode = 'INVALID_GROUPING' | 'INVALID_PREVIOUS' | 'INVALID_OPTION';

/**
 * Why a series could not be rendered. Thrown before any output is produced:
 * an invalid grouping or option never yields a partial series.
 */
export class RenderError extends Error {
  override readonly name = 'RenderError';
  readonly code: RenderErrorCode;
  /** The validator's findings when the grouping (or `previous`) is invalid. */
  readonly diagnostics: Diagnostic[];

  constructor(code: RenderErrorCode, message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.code = code;
    this.diagnostics = diagnostics;
  }
}
