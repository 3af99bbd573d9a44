// A tiny text-table formatter for the CLI's readable output. Values are plain strings; control
// characters are shown escaped so a key name cannot move the cursor or fake extra lines.

const GAP = '  ';

/**
 * `value` safe for a terminal: control characters shown as escapes (`\n`, `\u001b`).
 *
 * @example
 * printable('a\nb'); // 'a\\nb'
 */
export function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => JSON.stringify(char).slice(1, -1));
}

/**
 * Columns padded to their widest cell, with a header row. Ends with a newline.
 *
 * @example
 * formatTable(['ENDPOINT', 'COUNT'], [['/v1/predict', '31']]);
 * // 'ENDPOINT     COUNT\n/v1/predict  31\n'
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [headers, ...rows].map((row) => headers.map((_, column) => printable(row[column] ?? '')));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(GAP).trimEnd()).join('\n') + '\n';
}

/**
 * Label/value pairs, one a line, values aligned. Ends with a newline.
 *
 * @example
 * formatFields([['Name', 'My First Key'], ['Service', 'prediction']]);
 * // 'Name:     My First Key\nService:  prediction\n'
 */
export function formatFields(fields: readonly (readonly [label: string, value: string])[]): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length + 1));
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${GAP}${printable(value)}`.trimEnd()).join('\n') + '\n';
}
