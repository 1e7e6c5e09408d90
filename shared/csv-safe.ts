// The one way this project writes CSV. A spreadsheet opening a CSV runs any cell that starts with
// =, +, - or @ as a formula (and tab or carriage return can hide such a start), so a merchant id or a
// rejected row like =HYPERLINK("http://x","click") would run on the analyst's machine. Quoting does
// not stop that. Every text cell with such a first character gets a leading single quote, the OWASP
// rule; spreadsheets show the text as written.
//
// Papaparse's own escapeFormulae option is not used: its pattern /^[=+\-@\t\r].*$/ needs the whole
// cell on one line, so a cell like "=1+1\nx" (a rejected row's raw text can hold a line break) passes
// through unescaped, and it would also prefix plain numbers written as text, such as "-5.00".
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;
// A plain number written as text: a spreadsheet reads it as that number and runs nothing.
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One cell made safe to open in a spreadsheet: text starting with =, +, -, @, tab or carriage return
 * gets a leading ' (unless it is a plain number such as "-5" or "+1.5e3"). Numbers, bigints, booleans,
 * null and undefined are returned unchanged; any other object is judged by its String() text.
 */
export function safeCell(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  const text = typeof value === 'string' ? value : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * A whole CSV file: a header line of `fields`, then one line per row, every cell passed through
 * safeCell and quoted as RFC 4180 needs. Lines end with CRLF, and so does the last one.
 */
export function toCsv(fields: string[], rows: unknown[][]): string {
  const header = fields.map((f) => String(safeCell(f)));
  // Papaparse ends a header-only file with an empty line, which a spreadsheet shows as a blank row.
  if (rows.length === 0) return Papa.unparse([header], { newline: '\r\n' }) + '\r\n';
  return Papa.unparse({ fields: header, data: rows.map((r) => r.map(safeCell)) }, { newline: '\r\n' }) + '\r\n';
}
