// Every accepted event of a selection, read straight from the stored blocks a block at a time (never the
// in-memory index, so an export costs the same small memory at any size), decoded into the export's
// columns. The filter is compiled by the same compileSelection the metrics use, so an export and the
// numbers on screen cannot disagree about which events a filter keeps.
import type Database from 'better-sqlite3';
import type { MetricFilter } from '../../../shared/filter.js';
import { PRODUCTS, STATUSES } from '../../../shared/metrics.js';
import { storedBlocks, type StoredBlock } from '../import/event-blocks.js';
import { kindEventType, kindProduct, kindStatus, KYC_PRODUCT, KYC_STEP_OF_TYPE } from '../model/event-kind.js';
import { encodeCode } from '../explore/codes.js';
import { readLabels, type Labels } from '../explore/event-index.js';
import { naiveIso } from '../explore/events.js';
import { compileSelection, inDates, type Selection } from '../explore/selection.js';

const DAY_MS = 86_400_000;

/** One exported event; the same object is refilled for every event, so copy what must outlive the call. */
export interface ExportRow {
  event_id: string;
  merchant_id: string;
  /** As stored: YYYY-MM-DDTHH:MM:SS[.mmm], null when invalid. */
  event_timestamp: string | null;
  event_date: string | null;
  /** Days since 1970 of event_date, null when invalid. */
  day: number | null;
  product: string;
  event_type: string;
  /** Whole kobo, NaN when invalid. */
  kobo: number;
  status: string;
  channel: string;
  region: string;
  merchant_tier: string;
  source_file: string;
  /** null when the file was imported before lines were stored. */
  source_line: number | null;
}

export interface StreamSummary {
  events: number;
  /** Stored files that gave at least one exported event, and all stored files. */
  filesUsed: number;
  filesStored: number;
  firstDate: string | null;
  lastDate: string | null;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uuidAt(ids: Buffer, i: number): string {
  const o = i * 16;
  let s = '';
  for (let k = 0; k < 16; k++) {
    if (k === 4 || k === 6 || k === 8 || k === 10) s += '-';
    s += HEX[ids[o + k]];
  }
  return s;
}

/** kind -> code exactly as the index computes it (event-index.ts codeTable): the KYC step comes from the event type's text. */
function codeTable(labels: Labels): (kind: number) => number {
  const cache = new Map<number, number>();
  return (kind) => {
    let c = cache.get(kind);
    if (c === undefined) {
      const product = kindProduct(kind);
      const step = product === KYC_PRODUCT ? (KYC_STEP_OF_TYPE.get(labels.eventTypes.get(kindEventType(kind)) ?? '') ?? -1) : -1;
      c = encodeCode(product, kindStatus(kind), step);
      cache.set(kind, c);
    }
    return c;
  };
}

/** The event a scan stands on: a block and a position in it. Refilled for every event, so copy what must outlive the call. */
export interface ExportEvent {
  block: StoredBlock;
  i: number;
  /** Days since 1970 of the timestamp as written, null when invalid. */
  day: number | null;
  /** Index into ExportScan.sources. */
  source: number;
}

/** What a scan's callers need to turn an event's codes into text (or bytes, for Parquet). */
export interface ExportScan {
  labels: Labels;
  /** The imported files in stored order; ExportEvent.source indexes it. */
  sources: string[];
}

/**
 * Every selected event, file by file in stored order, each file's events in line order; the generator's
 * return value is the summary. A generator so that a writer that waits for its encoder (the Parquet
 * export) can pause the scan. Nothing is turned into text here: the Parquet writer wants bytes and the
 * CSV writer strings, and building strings it would throw away cost the Parquet export most of its time
 * and memory.
 */
export function scanExport(db: Database.Database, filter: MetricFilter): { scan: ExportScan; events: Generator<ExportEvent, StreamSummary, void> } {
  const labels = readLabels(db);
  const stored = db
    .prepare(`SELECT path, first_seq, last_seq FROM sources WHERE status = 'imported' AND last_seq >= first_seq ORDER BY first_seq`)
    .all() as { path: string; first_seq: number; last_seq: number }[];
  const scan: ExportScan = { labels, sources: stored.map((s) => s.path) };
  return { scan, events: selectedEvents(db, compileSelection(labels, filter), codeTable(labels), stored) };
}

function* selectedEvents(
  db: Database.Database,
  sel: Selection,
  codeOf: (kind: number) => number,
  stored: { first_seq: number; last_seq: number }[],
): Generator<ExportEvent, StreamSummary, void> {
  const ev: ExportEvent = { block: null as unknown as StoredBlock, i: 0, day: null, source: 0 };
  const summary: StreamSummary = { events: 0, filesUsed: 0, filesStored: stored.length, firstDate: null, lastDate: null };
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let source = 0; source < stored.length; source++) {
    const s = stored[source];
    const before = summary.events;
    ev.source = source;
    for (const b of storedBlocks(db, s.first_seq, s.last_seq)) {
      ev.block = b;
      for (let i = 0; i < b.n; i++) {
        if (sel.codeOk[codeOf(b.kind[i])] !== 1 || sel.attrOk[b.attrs[i]] !== 1) continue;
        if (sel.merchantOk !== null && sel.merchantOk[b.merchant[i]] !== 1) continue;
        const ts = b.ts[i];
        const day = ts === ts ? Math.floor(ts / DAY_MS) : null;
        if (!inDates(sel, day)) continue;
        if (day !== null) {
          if (day < minDay) minDay = day;
          if (day > maxDay) maxDay = day;
        }
        ev.i = i;
        ev.day = day;
        summary.events++;
        yield ev;
      }
    }
    if (summary.events > before) summary.filesUsed++;
  }
  if (minDay !== Infinity) {
    summary.firstDate = new Date(minDay * DAY_MS).toISOString().slice(0, 10);
    summary.lastDate = new Date(maxDay * DAY_MS).toISOString().slice(0, 10);
  }
  return summary;
}

/** Calls `each` for every selected event (scanExport's order). */
export function forEachExportEvent(db: Database.Database, filter: MetricFilter, each: (e: ExportEvent, scan: ExportScan) => void): StreamSummary {
  const { scan, events } = scanExport(db, filter);
  for (;;) {
    const r = events.next();
    if (r.done) return r.value;
    each(r.value, scan);
  }
}

/** Calls `each` for every selected event as text (forEachExportEvent's order). */
export function forEachExportRow(db: Database.Database, filter: MetricFilter, each: (row: ExportRow) => void): StreamSummary {
  const row: ExportRow = {
    event_id: '', merchant_id: '', event_timestamp: null, event_date: null, day: null, product: '', event_type: '',
    kobo: NaN, status: '', channel: '', region: '', merchant_tier: '', source_file: '', source_line: null,
  };
  return forEachExportEvent(db, filter, ({ block: b, i, day, source }, { labels, sources }) => {
    const kind = b.kind[i];
    const attrs = b.attrs[i];
    const iso = naiveIso(b.ts[i]);
    row.event_id = uuidAt(b.eventId, i);
    row.merchant_id = labels.merchants[b.merchant[i]] ?? '';
    row.event_timestamp = iso;
    row.event_date = iso === null ? null : iso.slice(0, 10);
    row.day = day;
    row.product = PRODUCTS[kindProduct(kind)];
    row.event_type = labels.eventTypes.get(kindEventType(kind)) ?? '';
    row.kobo = b.amount[i];
    row.status = STATUSES[kindStatus(kind)];
    row.channel = labels.attrChannel[attrs] ?? '';
    row.region = labels.attrRegion[attrs] ?? '';
    row.merchant_tier = labels.attrTier[attrs] ?? '';
    row.source_file = sources[source];
    row.source_line = b.line[i] === b.line[i] ? b.line[i] : null;
    each(row);
  });
}

/** Kobo as an exact decimal with 2 places ("" when invalid): integer arithmetic, no float rounding. */
export function koboText(kobo: number): string {
  if (kobo !== kobo) return '';
  const k = kobo % 100;
  return `${(kobo - k) / 100}.${k < 10 ? '0' : ''}${k}`;
}
