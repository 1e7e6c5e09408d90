// A seeded generator of daily activity files whose rows vary every dimension (regions with mixed case
// and spaces, channels, tiers, all products, statuses, KYC types), with invalid timestamps and amounts,
// rejected rows, duplicate event_ids (same file, later files, other case), amounts with kobo, and one
// merchant (MRC-000007) whose region and tier change on 2024-03-01. Also random filters over it.
// Values never contain commas or quotes, so reference.ts can read the files with a plain split.
import { COLUMNS, uuid, writeFile } from '../helpers/csv.js';
import { rng } from '../helpers/dataset.js';
import type { CompareSpec, MetricFilter } from '../../shared/filter.js';
import { PRODUCT_NAMES, addDays, datesBetween } from './reference.js';

export type Rand = () => number;

export const REGIONS = ['LAGOS', 'ABUJA', 'KANO', 'RIVERS', 'OYO', 'ENUGU'];
export const CHANNELS = ['POS', 'APP', 'USSD', 'WEB'];
export const TIERS = ['STARTER', 'VERIFIED', 'PREMIUM'];
const TYPES: Record<string, string[]> = {
  POS: ['CARD_TRANSACTION'],
  AIRTIME: ['AIRTIME_PURCHASE'],
  BILLS: ['BILL_PAYMENT'],
  CARD_PAYMENT: ['CARD_PAYMENT'],
  SAVINGS: ['DEPOSIT', 'WITHDRAWAL'],
  MONIEBOOK: ['INVOICE_CREATED', 'SALE_RECORDED'],
  KYC: ['DOCUMENT_SUBMITTED', 'DOCUMENT_SUBMITTED', 'VERIFICATION_COMPLETED', 'VERIFICATION_COMPLETED', 'TIER_UPGRADE', 'BVN_CHECK'],
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const merchantId = (n: number) => `MRC-${pad(n, 6)}`;

export interface GenOptions {
  seed: number;
  /** Dates with a file each. */
  days: string[];
  rowsPerDay: (date: string) => number;
  merchants: number;
  /** Distinguishes the event ids of two data sets. */
  idBase?: number;
}

function mixedCase(v: string, rand: Rand): string {
  const r = rand();
  if (r < 0.4) return v.charAt(0) + v.slice(1).toLowerCase();
  if (r < 0.7) return v.toLowerCase();
  return ` ${v} `;
}

/** Writes activities_YYYYMMDD.csv per day into dir; returns the paths. */
export function writeActivity(dir: string, o: GenOptions): string[] {
  const rand = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  let n = o.idBase ?? 0x7000000;
  const earlierIds: string[] = [];
  const rejectedIds: string[] = [];
  const paths: string[] = [];
  for (const date of o.days) {
    const lines = [COLUMNS.join(',')];
    const rows = o.rowsPerDay(date);
    for (let i = 0; i < rows; i++) {
      const m = 1 + Math.floor(o.merchants * rand() * rand());
      let region = REGIONS[m % REGIONS.length];
      let tier = TIERS[m % TIERS.length];
      if (m === 7) [region, tier] = date < '2024-03-01' ? ['LAGOS', 'STARTER'] : ['ABUJA', 'PREMIUM'];
      else if (chance(0.1)) region = pick(REGIONS);
      if (chance(0.05)) tier = pick(TIERS);
      if (chance(0.04)) region = mixedCase(region, rand);
      let channel = chance(0.7) ? CHANNELS[(m >> 1) % CHANNELS.length] : pick(CHANNELS);
      if (chance(0.02)) channel = mixedCase(channel, rand);
      if (chance(0.02)) tier = mixedCase(tier, rand);
      const product = pick(PRODUCT_NAMES);
      let type = pick(TYPES[product]);
      if (product !== 'KYC' && chance(0.01)) type = 'DOCUMENT_SUBMITTED';
      let productText = chance(0.02) ? product.toLowerCase() : product;
      if (chance(0.02)) type = type.toLowerCase();
      const sr = rand();
      let status = sr < 0.78 ? 'SUCCESS' : sr < 0.9 ? 'FAILED' : 'PENDING';
      if (chance(0.01)) status = status.toLowerCase();
      // timestamp: mostly the file's day, sometimes the day before (written late), in several forms
      const d = chance(0.03) ? addDays(date, -1) : date;
      const time = `${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}:${pad(Math.floor(rand() * 60))}`;
      const tr = rand();
      let ts =
        tr < 0.8 ? `${d}T${time}` : tr < 0.85 ? `${d} ${time}` : tr < 0.9 ? `${d}T${time}.${pad(Math.floor(rand() * 1000), 3)}` : tr < 0.93 ? `${d}T${time}Z` : tr < 0.96 ? `${d}T${time}${pick(['+01:00', '-05:00', '+0530'])}` : `${d}`;
      if (chance(0.015)) ts = pick(['', 'NOT-A-DATE', `${d.slice(0, 4)}-02-30T10:00:00`, `${d}T10:00`, `${d.slice(0, 4)}-13-01T00:00:00`]);
      // amount in kobo, 0.01 to ~2,000,000.00 naira, in several forms
      const kobo = 1 + Math.floor(Math.exp(rand() * 19));
      const ar = rand();
      let amount =
        ar < 0.9 ? (kobo / 100).toFixed(2) : ar < 0.94 ? String(Math.ceil(kobo / 100)) : ar < 0.97 ? (Math.ceil(kobo / 10) / 10).toFixed(1) : ar < 0.99 ? `${Math.floor(kobo / 100) + 1}.${pad(kobo % 1000, 3)}` : `+${(kobo / 100).toFixed(2)}`;
      if (chance(0.015)) amount = pick(['INVALID', '', '-5.00', 'abc', '1.2.3']);
      // event id: new, or a duplicate of an earlier one (other case sometimes), or one a rejected row used
      let id = uuid(++n);
      if (earlierIds.length && chance(0.012)) id = pick(earlierIds);
      if (chance(0.3) && id !== uuid(n)) id = id.toUpperCase();
      if (rejectedIds.length && chance(0.003)) id = pick(rejectedIds);
      let merchant = merchantId(m);
      const fields = [id, merchant, ts, productText, type, amount, status, channel, region, tier];
      // rejected rows: each breaks one rule
      if (chance(0.012)) {
        const k = Math.floor(rand() * 5);
        if (k === 0) fields[1] = merchant = '';
        else if (k === 1) fields[3] = productText = 'CRYPTO';
        else if (k === 2) fields[6] = 'DONE';
        else if (k === 3) fields[0] = 'not-a-uuid';
        else fields.push('extra');
        if (k !== 3) rejectedIds.push(fields[0]);
      } else earlierIds.push(fields[0]);
      lines.push(fields.join(','));
    }
    paths.push(writeFile(dir, `activities_${date.replace(/-/g, '')}.csv`, lines.join('\n') + '\n'));
  }
  return paths;
}

/** The multi-month set of the property test: Jan-Apr 2024 daily (a few gaps), and every 4th day of Jan-Apr 2023 plus 28 Feb 2023. */
export function propertyDays(): string[] {
  const gaps = new Set(['2024-02-10', '2024-03-17', '2024-03-18']);
  const y2024 = datesBetween('2024-01-01', '2024-04-30').filter((d) => !gaps.has(d));
  const y2023 = datesBetween('2023-01-01', '2023-04-30').filter((d, i) => i % 4 === 0 || d === '2023-02-28');
  return [...y2023, ...y2024];
}

export interface FilterCase {
  filter: MetricFilter;
  compare?: CompareSpec;
}

const UNKNOWN: Record<string, string[]> = { region: ['ATLANTIS'], channel: ['FAX'], tier: ['GOLD'], product: ['CRYPTO'] };
const VALUES: Record<string, string[]> = { region: REGIONS, channel: CHANNELS, tier: TIERS, product: PRODUCT_NAMES };

/**
 * A random filter: dates mostly taken from the data's days (a tenth anywhere within a few days of them,
 * gaps included), 0-4 dimensions with includes and excludes (sometimes lower-case, sometimes an unknown
 * value), sometimes merchants, about half with a comparison.
 */
export function randomCase(rand: Rand, days: string[], merchants: number): FilterCase {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const all = rand() < 0.1 ? datesBetween(addDays(days[0], -5), addDays(days[days.length - 1], 5)) : days;
  const filter: MetricFilter = {};
  const dr = rand();
  if (dr < 0.55) {
    // from+to: one day, a week, a month or more, or everything
    const len = pick([1, 1, 2, 7, 7, 14, 31, 45, 90, all.length]);
    const start = Math.floor(rand() * Math.max(1, all.length - len + 1));
    filter.from = all[start];
    filter.to = all[Math.min(all.length - 1, start + len - 1)];
  } else if (dr < 0.67) filter.from = pick(all);
  else if (dr < 0.79) filter.to = pick(all);
  const dims = ['region', 'channel', 'tier', 'product'] as const;
  const count = Math.floor(rand() * 5);
  const chosen = [...dims].sort(() => rand() - 0.5).slice(0, count);
  for (const dim of chosen) {
    const values = VALUES[dim];
    const some = () => {
      const k = 1 + Math.floor(rand() * Math.min(3, values.length - 1));
      const out = [...values].sort(() => rand() - 0.5).slice(0, k);
      if (rand() < 0.15) out[0] = out[0].toLowerCase();
      if (rand() < 0.1) out.push(pick(UNKNOWN[dim]));
      return out;
    };
    const kind = rand();
    if (kind < 0.5) filter[dim] = some();
    else if (kind < 0.85) (filter.exclude ??= {})[dim] = some();
    else {
      filter[dim] = some();
      (filter.exclude ??= {})[dim] = [pick(values)];
    }
  }
  if (rand() < 0.15) {
    const k = 1 + Math.floor(rand() * 5);
    filter.merchant = Array.from({ length: k }, () => merchantId(1 + Math.floor(merchants * rand() * rand())));
    if (rand() < 0.2) filter.merchant.push('MRC-999999');
  }
  let compare: CompareSpec | undefined;
  if (rand() < 0.5) {
    const c = rand();
    if (filter.from && filter.to && c < 0.7) compare = c < 0.35 ? 'previous' : 'year';
    else {
      const a = pick(all);
      const b = pick(all);
      compare = { from: a < b ? a : b, to: a < b ? b : a };
    }
  }
  return { filter, compare };
}
