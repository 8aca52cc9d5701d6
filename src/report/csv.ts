/**
 * CSV building blocks shared by the findings and savings writers: RFC 4180 quoting (a cell with a
 * comma, a double quote, CR or LF is quoted and its quotes doubled; lines end with CRLF) and
 * neutralising of spreadsheet formulas. A cell that begins with `=`, `+`, `-`, `@`, a tab or CR
 * would be run as a formula by Excel, LibreOffice and Google Sheets (CSV injection), so such a
 * cell gets a leading `'`, which spreadsheets show as text. Numbers we format ourselves are never
 * neutralised, so a negative amount stays a number.
 */

/** A cell: text (neutralised), or a number already formatted by us (kept as is). */
export type CsvCell = string | { number: string };

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text made safe to open in a spreadsheet: a leading `'` before a formula trigger. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting of one field. */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(cell: CsvCell): string {
  return typeof cell === 'string' ? quoteCsvField(neutralizeFormula(cell)) : quoteCsvField(cell.number);
}

/** A number with two decimals, no thousands separators; empty when unknown. */
export function money(value: number | null): CsvCell {
  return value === null || !Number.isFinite(value) ? '' : { number: value.toFixed(2) };
}

export interface CsvOptions {
  /** Prefix a UTF-8 byte order mark so Excel reads the file as UTF-8. */
  bom?: boolean;
}

/** The document one record at a time: the header (after the BOM, when asked), then each row, each ending in CRLF. */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): Generator<string, void, undefined> {
  yield `${options.bom ? '\uFEFF' : ''}${header.map((h) => quoteCsvField(h)).join(',')}\r\n`;
  for (const row of rows) yield `${row.map(csvCell).join(',')}\r\n`;
}

/** The whole document: header, rows, CRLF after every record. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  return [...csvChunks(header, rows, options)].join('');
}
