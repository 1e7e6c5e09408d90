// The dashboard, or the events behind a number, as an XLSX workbook (exceljs's streaming writer, so a
// million events are never held as cells, only as the file's bytes): real numeric cells with naira, count and
// percent formats, months and timestamps as dates, and an About sheet saying what the file holds.
// Every text cell goes through shared/csv-safe's safeCell, so a merchant id cannot run as a formula.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type Database from 'better-sqlite3';
import { METRIC_NAMES, type ApiRequest, type ApiResponse, type BinaryFile } from '../../../shared/api.js';
import { EVENT_COLUMNS } from '../../../shared/exploring.js';
import type { Coverage } from '../../../shared/metrics.js';
import { METRIC_DEFINITIONS } from '../../../shared/metric-definitions.js';
import { safeCell } from '../../../shared/csv-safe.js';
import { formatReason } from '../../../shared/format.js';
import { compareText, filterText, periodText, viewFileName } from '../../../shared/view-text.js';
import type { Cell, CellKind } from '../metrics/columns.js';
import type { EventIndex } from '../explore/event-index.js';
import { filteredMetrics } from '../explore/filtered-metrics.js';
import { events } from '../explore/events.js';
import { dataQuality } from '../query/data-quality.js';
import { metricTable, type ExportTable } from './metric-table.js';

const EVENTS_PAGE = 50_000;

export const NUM_FMT: Record<CellKind, string | undefined> = {
  text: undefined,
  count: '#,##0',
  money: '"₦"#,##0.00',
  rate: '0.0%',
  points: '0.0" pp"',
  month: 'mmm yyyy',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

// One style object per kind, shared by every cell of that kind: exceljs recognises a style object it has
// seen and skips working its XML out again, which made a million-row sheet about twice as fast.
// Frozen, so nothing can change one cell's format through another.
const STYLE = Object.fromEntries(Object.entries(NUM_FMT).map(([k, numFmt]) => [k, Object.freeze(numFmt ? { numFmt } : {})])) as Record<CellKind, Partial<ExcelJS.Style>>;

/** Excel has no time zones: a naive timestamp or month is written as that wall-clock time in UTC. */
function cellValue(v: Cell, kind: CellKind): ExcelJS.CellValue {
  if (v === null) return null;
  if (kind === 'month' && typeof v === 'string') return new Date(`${v}-01T00:00:00Z`);
  if (kind === 'datetime' && typeof v === 'string') return new Date(`${v}Z`);
  if (kind === 'rate' && typeof v === 'number') return v / 100;
  return safeCell(v) as ExcelJS.CellValue;
}

interface Sheet {
  name: string;
  fields: string[];
  kinds: CellKind[];
  widths: number[];
}

/** Adds a sheet and its bold header; returns how to add a row (kinds: the sheet's, unless a row says its own). */
function startSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, s: Sheet): (row: Cell[], kinds?: CellKind[]) => void {
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = s.widths.map((width) => ({ width }));
  const header = ws.addRow(s.fields.map((f) => safeCell(f) as string));
  header.font = { bold: true };
  header.commit();
  return (values, kinds = s.kinds) => {
    const row = ws.addRow(values.map((v, i) => cellValue(v, kinds[i])));
    kinds.forEach((k, i) => (row.getCell(i + 1).style = STYLE[k]));
    row.commit();
  };
}

async function writeWorkbook(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Merchant Analytics';
  await build(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

const widthsOf = (t: ExportTable) => t.fields.map((f, i) => Math.max(12, f.length + 2, t.kinds[i] === 'text' ? 20 : 0));

/** The About sheet: label, value (and a count where a list follows). */
function aboutSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, rows: [string, Cell, CellKind?][]): void {
  const add = startSheet(wb, { name: 'About', fields: ['about', 'value'], kinds: ['text', 'text'], widths: [34, 90] });
  // Each value in its own kind (a count, a date), not the column's text.
  for (const [label, value, kind] of rows) add([label, value], ['text', kind ?? 'text']);
}

function viewRows(request: { filter?: ApiRequest<'getMetrics'>['filter']; compare?: ApiRequest<'getMetrics'>['compare'] }, now: Date): [string, Cell, CellKind?][] {
  return [
    // Excel shows a date as written, so the local wall-clock time is written, as the analyst's clock read.
    ['Made (local time)', new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 19), 'datetime'],
    ['Period', periodText(request.filter)],
    ['Filters', filterText(request.filter)],
    ['Comparison', compareText(request.filter, request.compare) ?? 'none'],
  ];
}

function coverageRows(c: Coverage, label = ''): [string, Cell, CellKind?][] {
  return [
    [`${label}First day with data`, c.first_date ? `${c.first_date}T00:00:00` : null, 'datetime'],
    [`${label}Last day with data`, c.last_date ? `${c.last_date}T00:00:00` : null, 'datetime'],
    [`${label}Events`, c.events, 'count'],
    [`${label}Days without data`, c.days_without_data?.length ?? 0, 'count'],
    [`${label}Days without data (dates)`, c.days_without_data?.join(', ') || 'none'],
    [`${label}Rows rejected`, c.rejected_rows, 'count'],
    [`${label}Rows kept with a warning`, c.warnings ?? 0, 'count'],
    [`${label}Events without a valid date`, c.undated_events ?? 0, 'count'],
  ];
}

/** The five metric sheets and the About sheet for the dashboard's filter and comparison. */
export async function dashboardXlsx(db: Database.Database, index: () => EventIndex, request: ApiRequest<'getXlsx'>, now = new Date()): Promise<BinaryFile> {
  const { r, quality } = db.transaction(() => ({ r: filteredMetrics(db, index, request.filter ?? {}, request.compare), quality: dataQuality(db, request.filter) }))();
  const buf = await writeWorkbook((wb) => {
    const about: [string, Cell, CellKind?][] = [...viewRows(request, now), ...coverageRows(r.coverage)];
    if (r.compare) about.push(['Comparison period', `${r.compare.from} to ${r.compare.to}`], ...coverageRows(r.compare.coverage, 'Comparison: '));
    about.push(['Source folders', quality.folders.join('; ') || 'none'], ['Source files', quality.files.length, 'count']);
    for (const f of quality.files) about.push([`  ${f.path}`, f.events, 'count']);
    for (const [reason, n] of Object.entries(quality.rejected_by_reason)) about.push([`Rejected: ${formatReason(reason)}`, n, 'count']);
    for (const [reason, n] of Object.entries(quality.warnings_by_reason)) about.push([`Kept with a warning: ${formatReason(reason)}`, n, 'count']);
    if (r.compare) about.push(['Note', 'change_percent is empty where the previous value was 0 or the row was not in the comparison period.']);
    aboutSheet(wb, about);
    for (const name of METRIC_NAMES) {
      const t = metricTable(name, r.metrics, r.compare?.metrics);
      const add = startSheet(wb, { name: METRIC_DEFINITIONS[name].title, fields: t.fields, kinds: t.kinds, widths: widthsOf(t) });
      for (const row of t.rows) add(row);
    }
  });
  return { filename: viewFileName('merchant_analytics', request.filter, request.compare, 'xlsx'), base64: buf.toString('base64') };
}

const EVENT_KINDS: CellKind[] = EVENT_COLUMNS.map((c) => (c === 'event_timestamp' ? 'datetime' : c === 'amount' ? 'money' : c === 'source_line' ? 'count' : 'text'));

/**
 * Every event of a drill, up to `maxRows` (Excel's last row is 1,048,576, one is the header; the About
 * sheet says when rows were left out), and an About sheet.
 */
export async function eventsXlsx(db: Database.Database, index: EventIndex, request: ApiRequest<'getEventsXlsx'>, maxRows: number, now = new Date()): Promise<ApiResponse<'getEventsXlsx'>> {
  let total = 0;
  let written = 0;
  const buf = await writeWorkbook((wb) => {
    const add = startSheet(wb, { name: 'Events', fields: [...EVENT_COLUMNS], kinds: EVENT_KINDS, widths: EVENT_COLUMNS.map((c) => (c === 'event_id' ? 38 : c === 'event_timestamp' ? 20 : 14)) });
    // One read transaction: every page sees the same stored events.
    db.transaction(() => {
      for (let offset = 0; offset < maxRows; offset += EVENTS_PAGE) {
        const page = events(db, index, { ...request, offset, limit: Math.min(EVENTS_PAGE, maxRows - offset) });
        total = page.total;
        for (const e of page.rows) add(EVENT_COLUMNS.map((c) => e[c]));
        written += page.rows.length;
        if (offset + EVENTS_PAGE >= page.total) break;
      }
    })();
    const about: [string, Cell, CellKind?][] = [...viewRows(request, now)];
    if (request.merchant) about.push(['Merchant', request.merchant]);
    if (request.status?.length) about.push(['Status', request.status.join(', ')]);
    if (request.kyc_step) about.push(['KYC step', `${request.kyc_step}${request.kyc_not_next ? ' (and not the next step)' : ''}`]);
    if (request.with_amount) about.push(['Amounts', 'only events with a valid amount']);
    about.push(['Events matching', total, 'count'], ['Events in this file', written, 'count']);
    if (written < total) about.push(['Note', `Excel holds at most ${maxRows.toLocaleString('en-US')} rows a sheet, so this file has the first ${written.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events. Export CSV for all of them.`]);
    aboutSheet(wb, about);
  });
  return { filename: viewFileName('events', request.filter, undefined, 'xlsx'), base64: buf.toString('base64'), rows: written, total };
}
