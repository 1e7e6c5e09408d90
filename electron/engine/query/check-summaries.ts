// The check behind "Check and repair": each metric's summary tables against a recount of the stored
// events through the same counters the import and the repair use (summaries.ts). A flipped bit in a
// summary page passes PRAGMA integrity_check, so only a recount can show it. Stored rows are read as
// they are, not through SummaryState.load, whose typed arrays would drop a merchant id out of range.
import type Database from 'better-sqlite3';
import { KYC_STEP_NAMES, PRODUCTS, STATUSES } from '../../../shared/metrics.js';
import type { CheckItem, CheckName } from '../../../shared/checking.js';
import { formatCount, formatNaira } from '../../../shared/format.js';
import { countAll, type SummaryState } from '../import/summaries.js';

/** Two small numbers as one map key (a month or product, and a merchant id). */
const TWO_32 = 4294967296;
const pair = (a: number, b: number) => a * TWO_32 + b;
const split = (k: number) => [Math.floor(k / TWO_32), k % TWO_32] as const;

/** One summary table's values by key: as stored, and as counted from the events. */
interface Part {
  stored: Map<number, number>;
  counted: Map<number, number>;
  /** A difference in words: "merchant M-1 in 2024-03: 5 in the summaries, 4 in the events". */
  say: (key: number, stored: number | undefined, counted: number | undefined) => string;
}

const SUMMARY_CHECKS: { name: Exclude<CheckName, 'file' | 'stored_files'>; title: string }[] = [
  { name: 'top_merchants', title: 'Top merchants by volume' },
  { name: 'monthly_active_merchants', title: 'Monthly active merchants' },
  { name: 'product_adoption', title: 'Product adoption' },
  { name: 'kyc_funnel', title: 'KYC funnel' },
  { name: 'failure_rates', title: 'Failure rate per product' },
  { name: 'dates_covered', title: 'Dates covered' },
];

function storedRows(db: Database.Database, sql: string, key: (r: number[]) => number): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of db.prepare(sql).raw().iterate() as Iterable<number[]>) out.set(key(r), r[r.length - 1]);
  return out;
}

/** Per-merchant counters as key -> count, only the non-zero ones (the summaries keep no zero rows). */
function countedRows(a: ArrayLike<number>, key: (m: number) => number, into = new Map<number, number>()): Map<number, number> {
  for (let m = 0; m < a.length; m++) if (a[m] !== 0) into.set(key(m), a[m]);
  return into;
}

/** Distinct merchants per key of a per-merchant table (what m_month, m_adoption and m_kyc hold). */
function merchantsPer(rows: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, n] of rows) if (n > 0) out.set(split(k)[0], (out.get(split(k)[0]) ?? 0) + 1);
  return out;
}

const ym = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;
const ymd = (d: number) => `${ym(Math.floor(d / 100))}-${String(d % 100).padStart(2, '0')}`;
const n = (v: number | undefined) => formatCount(v ?? 0);

function partsOf(db: Database.Database, c: SummaryState): Record<(typeof SUMMARY_CHECKS)[number]['name'], Part[]> {
  const code = db.prepare('SELECT code FROM merchants WHERE id = ?').pluck();
  const merchant = (id: number) => `merchant ${(code.get(id) as string | undefined) ?? `#${id}`}`;
  const events = (what: (k: number) => string) => (k: number, s: number | undefined, e: number | undefined) => `${what(k)}: ${n(s)} in the summaries, ${n(e)} in the events`;
  const grid = (table: string, keyName: string, label: (k: number) => string, counters: { a: ArrayLike<number> }[] | Map<number, { a: ArrayLike<number> }>, derived: string): Part[] => {
    const stored = storedRows(db, `SELECT ${keyName}, merchant, n FROM ${table}`, (r) => pair(r[0], r[1]));
    const counted = new Map<number, number>();
    for (const [k, cs] of counters instanceof Map ? counters : counters.entries()) countedRows(cs.a, (m) => pair(k, m), counted);
    return [
      { stored, counted, say: events((k) => `${merchant(split(k)[1])} in ${label(split(k)[0])}`) },
      { stored: storedRows(db, `SELECT ${keyName}, merchants FROM ${derived}`, (r) => r[0]), counted: merchantsPer(counted), say: events((k) => `merchants in ${label(k)}`) },
    ];
  };
  const statusKey = (k: number) => `${PRODUCTS[Math.floor(k / 3)] ?? `product #${Math.floor(k / 3)}`} ${STATUSES[k % 3]}`;
  return {
    top_merchants: [
      {
        stored: storedRows(db, 'SELECT merchant, kobo FROM s_volume', (r) => r[0]),
        // A merchant has a volume row once it has a successful payment with an amount, even of ₦0.00.
        counted: new Map([...countedRows(c.volN.a, (m) => m).keys()].map((m) => [m, c.volKobo.a[m]])),
        say: (k, s, e) => `${merchant(k)}: ${s === undefined ? 'missing' : formatNaira(s / 100)} in the summaries, ${e === undefined ? 'none' : formatNaira(e / 100)} in the events`,
      },
      { stored: storedRows(db, 'SELECT merchant, n FROM s_volume', (r) => r[0]), counted: countedRows(c.volN.a, (m) => m), say: events((k) => `${merchant(k)}'s successful payments`) },
    ],
    monthly_active_merchants: grid('s_month', 'month', ym, c.month, 'm_month'),
    product_adoption: grid('s_adoption', 'product', (p) => PRODUCTS[p] ?? `product #${p}`, c.adoption, 'm_adoption'),
    kyc_funnel: grid('s_kyc', 'step', (s) => KYC_STEP_NAMES[s] ?? `step #${s}`, c.kyc, 'm_kyc'),
    failure_rates: [{ stored: storedRows(db, 'SELECT product, status, n FROM s_status', (r) => r[0] * 3 + r[1]), counted: countedRows(c.status, (i) => i), say: events(statusKey) }],
    dates_covered: [{ stored: storedRows(db, 'SELECT day, n FROM s_day', (r) => r[0]), counted: new Map(c.days()), say: events(ymd) }],
  };
}

const EXAMPLES = 3;

/**
 * One check per metric (and the dates covered): its summaries against a recount of `events` stored
 * events. The recount comes back too, so a repair writes it rather than counting every event again.
 */
export function checkSummaries(db: Database.Database, events: number): { items: CheckItem[]; recount: SummaryState } {
  const recount = countAll(db);
  const parts = partsOf(db, recount);
  const items = SUMMARY_CHECKS.map(({ name, title }): CheckItem => {
    const found: string[] = [];
    let differences = 0;
    for (const p of parts[name]) {
      for (const k of new Set([...p.stored.keys(), ...p.counted.keys()])) {
        const s = p.stored.get(k);
        const e = p.counted.get(k);
        if (s === e) continue;
        differences++;
        if (found.length < EXAMPLES) found.push(p.say(k, s, e));
      }
    }
    if (differences === 0) return { name, title, ok: true, detail: `Matches a recount of the ${formatCount(events)} stored events.` };
    return {
      name,
      title,
      ok: false,
      detail: `${differences === 1 ? 'One stored number differs' : `${formatCount(differences)} stored numbers differ`} from a recount of the events (${found.join('; ')}${differences > found.length ? '; …' : ''}). Repair counts them again from the events.`,
    };
  });
  return { items, recount };
}
