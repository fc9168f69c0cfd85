/**
 * User text (flag names, descriptions, syscall names, file names) is printed
 * inside our own lines: it must not add lines, move the cursor, change colours
 * or reorder text. Control characters (C0, DEL, C1), line and paragraph
 * separators and bidi overrides are shown as \u escapes instead.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const toUnicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function terminalSafe(text: string, maxLength = 200): string {
  const safe = text.replace(UNSAFE, toUnicodeEscape);
  return safe.length > maxLength ? `${safe.slice(0, maxLength - 1)}…` : safe;
}

/** JSON for stdout: JSON.stringify leaves C1 controls and bidi marks raw; escape them too. */
export function safeJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, toUnicodeEscape)}\n`;
}
