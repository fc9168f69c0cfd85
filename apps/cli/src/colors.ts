import type { Severity } from '@dust/model/diagnostics';

const CODES = { red: 31, yellow: 33, cyan: 36, green: 32, bold: 1, dim: 2 } as const;
export type Style = keyof typeof CODES;

/** Wraps text in an ANSI style when colours are on (a TTY, and NO_COLOR unset). */
export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

export const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
};
