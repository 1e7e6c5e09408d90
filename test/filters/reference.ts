// A brute-force reference for the filtered metrics, written from the README and issue 9 alone (it never
// calls the engine's code, nor shared/filter.ts): it reads the CSV files itself with a plain split (the
// test data has no quoted fields), applies the import policy (rejected rows dropped, first occurrence of
// an event_id wins, invalid timestamps and amounts kept as null), selects events by a MetricFilter and
// computes each metric by its definition.
import fs from 'node:fs';
import path from 'node:path';
import type { CompareSpec, MetricFilter } from '../../shared/filter.js';
import type { KycStepName, Metrics } from '../../shared/metrics.js';

export const PRODUCT_NAMES = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS', 'MONIEBOOK', 'KYC'];
const STATUS_NAMES = ['SUCCESS', 'FAILED', 'PENDING'];
export const STEPS: [KycStepName, string][] = [
  ['documents_submitted', 'DOCUMENT_SUBMITTED'],
  ['verifications_completed', 'VERIFICATION_COMPLETED'],
  ['tier_upgrades', 'TIER_UPGRADE'],
];

export interface RefEvent {
  /** As written (trimmed). */
  event_id: string;
  merchant: string;
  /** YYYY-MM-DD of a valid timestamp, else null. */
  date: string | null;
  product: string;
  event_type: string;
  /** Whole kobo, null when the amount is invalid. */
  kobo: number | null;
  status: string;
  /** Upper-cased and trimmed, as the filter compares them. */
  channel: string;
  region: string;
  tier: string;
  file: string;
  /** 1 = header. */
  line: number;
}

// ---- dates (own arithmetic: days since 1970-01-01) ----

const DAY = 86_400_000;

export function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function toDay(s: string): number {
  return Math.round(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY);
}

export function fromDay(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

export function addDays(s: string, n: number): string {
  return fromDay(toDay(s) + n);
}

/** Every date from..to inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = toDay(from); d <= toDay(to); d++) out.push(fromDay(d));
  return out;
}

/** The date part of a valid ISO-8601 timestamp as written, else null. */
export function timestampDate(ts: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(ts);
  if (!m || !validDate(m[1])) return null;
  if (m[2] !== undefined && (+m[2] > 23 || +m[3] > 59 || +m[4] > 59)) return null;
  return m[1];
}

/** Whole kobo of a plain non-negative decimal (digits beyond 2 dp rounded half-up), else null. */
export function amountKobo(s: string): number | null {
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const frac = ((m[2] ?? '') + '000').slice(0, 3);
  return Number(m[1] || '0') * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
}

// ---- reading files under the policy ----

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RefData {
  events: RefEvent[];
  rejected: number;
  duplicates: number;
}

/** Reads the files in sorted path order and applies the import policy. */
/** The events the import policy keeps, files read in path order (as the import does) unless `inOrder` (separate imports). */
export function readEvents(files: string[], inOrder = false): RefData {
  const events: RefEvent[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  let duplicates = 0;
  for (const file of inOrder ? files : [...files].sort()) {
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const header = lines[0].replace(/^\uFEFF/, '').split(',').map((h) => h.trim().toLowerCase());
    const col = (name: string) => header.indexOf(name);
    const c = {
      id: col('event_id'),
      merchant: col('merchant_id'),
      ts: col('event_timestamp'),
      product: col('product'),
      type: col('event_type'),
      amount: col('amount'),
      status: col('status'),
      channel: col('channel'),
      region: col('region'),
      tier: col('merchant_tier'),
    };
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      const f = lines[i].split(',').map((v) => v.trim());
      const product = f[c.product]?.toUpperCase();
      const status = f[c.status]?.toUpperCase();
      if (f.length !== header.length || !UUID_RE.test(f[c.id]) || f[c.merchant] === '' || !PRODUCT_NAMES.includes(product) || !STATUS_NAMES.includes(status)) {
        rejected++;
        continue;
      }
      const key = f[c.id].toLowerCase();
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      events.push({
        event_id: f[c.id],
        merchant: f[c.merchant],
        date: timestampDate(f[c.ts]),
        product,
        event_type: f[c.type].toUpperCase(),
        kobo: amountKobo(f[c.amount]),
        status,
        channel: f[c.channel].toUpperCase(),
        region: f[c.region].toUpperCase(),
        tier: f[c.tier].toUpperCase(),
        file: path.resolve(file),
        line: i + 1,
      });
    }
  }
  return { events, rejected, duplicates };
}

// ---- selection ----

const DIMS = ['region', 'channel', 'tier', 'product'] as const;
const valueOf = (e: RefEvent, dim: (typeof DIMS)[number]) => (dim === 'product' ? e.product : e[dim]);
const norm = (xs: string[] | undefined) => (xs ?? []).map((x) => x.trim().toUpperCase()).filter((x) => x !== '');

/** A filter compiled to a predicate over events. */
export function matcher(f: MetricFilter): (e: RefEvent) => boolean {
  const dated = Boolean(f.from || f.to);
  const keep = DIMS.map((dim) => [dim, norm(f[dim])] as const).filter(([, xs]) => xs.length);
  const drop = DIMS.map((dim) => [dim, norm(f.exclude?.[dim])] as const).filter(([, xs]) => xs.length);
  const merchants = (f.merchant ?? []).map((m) => m.trim()).filter((m) => m !== '');
  return (e) => {
    if (dated) {
      if (e.date === null) return false;
      if (f.from && e.date < f.from) return false;
      if (f.to && e.date > f.to) return false;
    }
    for (const [dim, xs] of keep) if (!xs.includes(valueOf(e, dim))) return false;
    for (const [dim, xs] of drop) if (xs.includes(valueOf(e, dim))) return false;
    return merchants.length === 0 || merchants.includes(e.merchant);
  };
}

export function select(events: RefEvent[], f: MetricFilter): RefEvent[] {
  return events.filter(matcher(f));
}

/** The comparison's dates, from the spec: previous = same length ending the day before from; year = a year earlier, 29 Feb -> 28 Feb. */
export function compareRange(f: MetricFilter, c: CompareSpec): { from: string; to: string } {
  if (typeof c === 'object') return { from: c.from, to: c.to };
  if (c === 'previous') {
    const days = toDay(f.to!) - toDay(f.from!) + 1;
    return { from: addDays(f.from!, -days), to: addDays(f.from!, -1) };
  }
  const back = (d: string) => {
    const s = `${String(+d.slice(0, 4) - 1).padStart(4, '0')}${d.slice(4)}`;
    return validDate(s) ? s : `${s.slice(0, 4)}-02-28`;
  };
  return { from: back(f.from!), to: back(f.to!) };
}

// ---- the five metrics, by definition ----

const naira = (kobo: number) => kobo / 100;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function volumes(events: RefEvent[]): { merchant_id: string; total_volume: number }[] {
  const sums = new Map<string, number>();
  for (const e of events) if (e.status === 'SUCCESS' && e.kobo !== null) sums.set(e.merchant, (sums.get(e.merchant) ?? 0) + e.kobo);
  return [...sums]
    .sort((a, b) => b[1] - a[1] || byName(a[0], b[0]))
    .map(([merchant_id, kobo]) => ({ merchant_id, total_volume: naira(kobo) }));
}

export function monthly(events: RefEvent[]): Record<string, number> {
  const months = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.status !== 'SUCCESS' || e.date === null) continue;
    const m = e.date.slice(0, 7);
    if (!months.has(m)) months.set(m, new Set());
    months.get(m)!.add(e.merchant);
  }
  const out: Record<string, number> = {};
  for (const m of [...months.keys()].sort()) out[m] = months.get(m)!.size;
  return out;
}

export function adoption(events: RefEvent[]): Record<string, number> {
  const per = new Map<string, Set<string>>();
  for (const e of events) {
    if (!per.has(e.product)) per.set(e.product, new Set());
    per.get(e.product)!.add(e.merchant);
  }
  const out: Record<string, number> = {};
  for (const [p, s] of [...per].sort((a, b) => b[1].size - a[1].size || byName(a[0], b[0]))) out[p] = s.size;
  return out;
}

/** Merchants who reached a KYC step: a SUCCESS event of product KYC with the step's type. */
export function stepMerchants(events: RefEvent[], type: string): Set<string> {
  const s = new Set<string>();
  for (const e of events) if (e.product === 'KYC' && e.status === 'SUCCESS' && e.event_type === type) s.add(e.merchant);
  return s;
}

export function funnel(events: RefEvent[]): Metrics['kyc_funnel'] {
  return {
    documents_submitted: stepMerchants(events, 'DOCUMENT_SUBMITTED').size,
    verifications_completed: stepMerchants(events, 'VERIFICATION_COMPLETED').size,
    tier_upgrades: stepMerchants(events, 'TIER_UPGRADE').size,
  };
}

/** failed * 100 / (success + failed), rounded half-up to 1 dp, in integers. */
export function roundedRate(failed: number, success: number): number {
  const total = failed + success;
  return Math.floor((2 * failed * 1000 + total) / (2 * total)) / 10;
}

export function statusCounts(events: RefEvent[]): Map<string, { success: number; failed: number }> {
  const per = new Map<string, { success: number; failed: number }>();
  for (const e of events) {
    if (e.status === 'PENDING') continue;
    const c = per.get(e.product) ?? { success: 0, failed: 0 };
    if (e.status === 'SUCCESS') c.success++;
    else c.failed++;
    per.set(e.product, c);
  }
  return per;
}

export function failureRates(events: RefEvent[]): Metrics['failure_rates'] {
  const rows = [...statusCounts(events)].map(([product, c]) => ({ product, ...c, total: c.success + c.failed }));
  // exact rate descending: a.failed / a.total > b.failed / b.total  <=>  a.failed * b.total > b.failed * a.total
  rows.sort((a, b) => b.failed * a.total - a.failed * b.total || byName(a.product, b.product));
  return rows.map((r) => ({ product: r.product, failure_rate: roundedRate(r.failed, r.success) }));
}

export function referenceMetrics(events: RefEvent[]): Metrics {
  const v = volumes(events);
  return {
    top_merchant: v[0] ?? null,
    top_merchants: v.slice(0, 10),
    monthly_active_merchants: monthly(events),
    product_adoption: adoption(events),
    kyc_funnel: funnel(events),
    failure_rates: failureRates(events),
  };
}

export const METRIC_KEYS = ['top_merchant', 'top_merchants', 'monthly_active_merchants', 'product_adoption', 'kyc_funnel', 'failure_rates'] as const;

/**
 * Differences between an answer and the reference, metric by metric, compared as JSON text so that
 * key order (months ascending, adoption by count) and list order count too.
 */
export function metricDiffs(got: Metrics | undefined, want: Metrics, label: string): string[] {
  const out: string[] = [];
  for (const k of METRIC_KEYS) {
    const g = JSON.stringify(got?.[k]);
    const w = JSON.stringify(want[k]);
    if (g !== w) out.push(`${label} ${k}: expected ${w} got ${g}`);
  }
  return out;
}

export interface RefCoverage {
  events: number;
  first_date: string | null;
  last_date: string | null;
  warnings: number;
  undated_events: number;
}

/**
 * The selection and the parts of the coverage the spec pins down, in one pass: the selection's events,
 * first and last date and warnings, and the undated events that pass the other filters.
 */
export function evaluate(all: RefEvent[], f: MetricFilter): { selected: RefEvent[]; coverage: RefCoverage } {
  const { from, to, ...others } = f;
  const passesOthers = matcher(others);
  const selected: RefEvent[] = [];
  const coverage: RefCoverage = { events: 0, first_date: null, last_date: null, warnings: 0, undated_events: 0 };
  for (const e of all) {
    if (!passesOthers(e)) continue;
    if (e.date === null) coverage.undated_events++;
    if ((from || to) && (e.date === null || (from && e.date < from) || (to && e.date > to))) continue;
    selected.push(e);
    if (e.date === null || e.kobo === null) coverage.warnings++;
    if (e.date !== null && (coverage.first_date === null || e.date < coverage.first_date)) coverage.first_date = e.date;
    if (e.date !== null && (coverage.last_date === null || e.date > coverage.last_date)) coverage.last_date = e.date;
  }
  coverage.events = selected.length;
  return { selected, coverage };
}

/** The filter as the engine should echo it: dimension values trimmed, upper-cased and de-duplicated, empty parts dropped. */
export function normalised(f: MetricFilter): MetricFilter {
  const list = (xs: string[] | undefined, upper: boolean) => [...new Set((xs ?? []).map((x) => (upper ? x.trim().toUpperCase() : x.trim())).filter((x) => x))];
  const out: MetricFilter = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  for (const dim of DIMS) if (list(f[dim], true).length) out[dim] = list(f[dim], true);
  for (const dim of DIMS) if (list(f.exclude?.[dim], true).length) (out.exclude ??= {})[dim] = list(f.exclude?.[dim], true);
  if (list(f.merchant, false).length) out.merchant = list(f.merchant, false);
  return out;
}
