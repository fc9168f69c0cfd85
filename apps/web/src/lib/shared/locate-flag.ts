import { locateDiagnostic } from '../../editor/locate-diagnostic';

/** The index of the flag a diagnostic's path points into, or null for document-level ones. */
export function locateFlagIndex(pointer: string): number | null {
  const target = locateDiagnostic(pointer);
  return target.kind === 'flag' ? target.flag : null;
}
