// Builders for small activity CSVs written into fresh temporary folders. Tests describe rows by the
// values that matter to them; everything else gets a plain valid default.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const COLUMNS = [
  'event_id',
  'merchant_id',
  'event_timestamp',
  'product',
  'event_type',
  'amount',
  'status',
  'channel',
  'region',
  'merchant_tier',
] as const;
export type Column = (typeof COLUMNS)[number];
export type Row = Record<Column, string>;

let counter = 0;

/** A well-formed (version 4 shaped) UUID, different on every call unless n is given. */
export function uuid(n: number = ++counter + 0x10000): string {
  const hex = n.toString(16).padStart(20, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(12, 15)}-8${hex.slice(15, 18)}-${hex.slice(18, 20)}0000000000`;
}

// Rows take turns through a few channels, regions and tiers (with a mixed-case spelling), so every
// engine test stores more than one of each and a filter or summary keyed by them is exercised.
const CHANNELS = ['POS', 'APP', 'WEB', 'USSD', 'OFFLINE'];
const REGIONS = ['LAGOS', 'KANO', 'Abuja', 'RIVERS'];
const TIERS = ['VERIFIED', 'PREMIUM', 'STARTER'];
let rowCount = 0;

/** A valid row; override any value (strings are written as given, so spaces and case survive). */
export function row(overrides: Partial<Row> = {}): Row {
  const k = rowCount++;
  return {
    event_id: uuid(),
    merchant_id: 'MRC-000001',
    event_timestamp: '2024-01-15T10:00:00',
    product: 'POS',
    event_type: 'CARD_TRANSACTION',
    amount: '100.00',
    status: 'SUCCESS',
    channel: CHANNELS[k % CHANNELS.length],
    region: REGIONS[k % REGIONS.length],
    merchant_tier: TIERS[k % TIERS.length],
    ...overrides,
  };
}

/** Quotes a value the RFC 4180 way when it needs it. */
export function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function line(r: Row, columns: readonly string[] = COLUMNS): string {
  return columns.map((c) => field((r as Record<string, string>)[c] ?? '')).join(',');
}

export interface CsvOptions {
  columns?: readonly string[];
  /** Header text as written; defaults to the columns joined by commas. */
  header?: string;
  eol?: '\n' | '\r\n';
  bom?: boolean;
  /** Whether the last line ends with the line ending (default true). */
  trailingNewline?: boolean;
}

/** CSV text from rows; rows may be given as Row objects or as raw lines written verbatim. */
export function csv(rows: (Row | string)[], options: CsvOptions = {}): string {
  const columns = options.columns ?? COLUMNS;
  const eol = options.eol ?? '\n';
  const lines = [options.header ?? columns.join(','), ...rows.map((r) => (typeof r === 'string' ? r : line(r, columns)))];
  const text = lines.join(eol) + (options.trailingNewline === false ? '' : eol);
  return (options.bom ? '\uFEFF' : '') + text;
}

const made: string[] = [];

// Registered when a test file imports this module (hooks cannot be added from inside a running test).
afterAll(() => {
  for (const dir of made.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      console.warn(`could not remove the temporary folder ${dir}: ${(err as Error).message}`);
    }
  }
});

/** A fresh empty folder, removed after the test file finishes. */
export function tempDir(prefix = 'mad-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes a file (creating folders) and returns its absolute path. */
export function writeFile(dir: string, rel: string, content: string | Buffer): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Writes a CSV of rows and returns its absolute path. */
export function writeCsv(dir: string, rel: string, rows: (Row | string)[], options: CsvOptions = {}): string {
  return writeFile(dir, rel, csv(rows, options));
}
