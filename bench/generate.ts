// Generates a realistic, deterministic data set of daily activity exports for the benchmark: the shape of
// the real files (bench/shape.ts), the real defects at their real rates, and duplicate event_ids re-used
// from earlier days. Rows are written as bytes into large buffers: a year (~1.2 GB) takes seconds.
import fs from 'node:fs';
import path from 'node:path';
import { Random, cumulative, pick } from './random.js';
import {
  AMOUNT_QUANTILES,
  DAILY_ACTIVE,
  DEFECT_RATES,
  DUPLICATE_RATE,
  HEADER,
  HOUR_WEIGHTS,
  MERCHANTS,
  PRODUCTS,
  REGIONS,
  ROWS_PER_DAY,
  TIERS,
  ZIPF_S,
} from './shape.js';

export interface GenerateOptions {
  outDir: string;
  /** Total data rows (defects and duplicates included). Default: days × 27,050, or 9.9M for the full year. */
  rows?: number;
  /** Daily files. Default: 366 for the full year, or rows / 27,050 when rows is given. */
  days?: number;
  seed?: number;
  /** First day, YYYY-MM-DD. Default 2024-01-01. */
  startDate?: string;
  /**
   * Write the same data the way other CSV writers do, to check the import does not depend on this
   * generator's habits: CRLF line ends, and every text field in double quotes (numbers left bare).
   */
  crlf?: boolean;
  quote?: boolean;
}

export interface DefectCounts {
  empty_timestamp: number;
  not_a_date: number;
  invalid_amount: number;
  missing_merchant: number;
}

export interface GenerateResult {
  /** Absolute paths in sorted order. */
  files: string[];
  rows: number;
  bytes: number;
  defects: DefectCounts;
  /** Rows whose event_id repeats one from an earlier day. */
  duplicates: number;
  seconds: number;
}

export const FULL_YEAR_ROWS = 9_900_000;
export const FULL_YEAR_DAYS = 366;

const CHUNK = 1 << 22;
const POOL_SIZE = 1 << 17;
const POOL_SAMPLE = 1 / 64;
const HEX = Buffer.from('0123456789abcdef');
const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Buffered writer of one file: bytes go into a 4 MB buffer written out whole. */
class ChunkWriter {
  buf = Buffer.allocUnsafe(CHUNK);
  pos = 0;
  written = 0;
  constructor(private readonly fd: number) {}

  room(n: number): void {
    if (this.pos + n > CHUNK) this.flush();
  }
  flush(): void {
    let off = 0;
    while (off < this.pos) off += fs.writeSync(this.fd, this.buf, off, this.pos - off);
    this.written += this.pos;
    this.pos = 0;
  }
  put(b: Buffer): void {
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }
  two(n: number): void {
    this.buf[this.pos++] = 48 + ((n / 10) | 0);
    this.buf[this.pos++] = 48 + (n % 10);
  }
  int(n: number): void {
    if (n >= 10) this.int(Math.floor(n / 10));
    this.buf[this.pos++] = 48 + (n % 10);
  }
  /** Money the way the exports print it: shortest decimal with at least one fraction digit (210.8, 500.0). */
  amount(cents: number): void {
    this.int(Math.floor(cents / 100));
    const frac = cents % 100;
    this.buf[this.pos++] = 46;
    if (frac % 10 === 0) this.buf[this.pos++] = 48 + frac / 10;
    else this.two(frac);
  }
  /** 16 bytes from id[off..] as a lower-case UUID. */
  uuid(id: Uint8Array, off: number): void {
    const b = this.buf;
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) b[this.pos++] = 45;
      const v = id[off + i];
      b[this.pos++] = HEX[v >> 4];
      b[this.pos++] = HEX[v & 15];
    }
  }
}

interface Merchants {
  count: number;
  weight: Float64Array;
  idBytes: Buffer[];
  /** ",REGION,TIER\n" */
  tail: Buffer[];
  prodStart: Int32Array;
  prodCount: Int32Array;
  prodIdx: Int32Array;
  prodCum: Float64Array;
}

/** How fields and lines are written: bare and LF like the real exports, or quoted and/or CRLF. */
interface Style {
  q: (text: string) => string;
  eol: string;
  quote: boolean;
}

function makeMerchants(rng: Random, style: Style): Merchants {
  const n = MERCHANTS;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = i + 1;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = rank[i];
    rank[i] = rank[j];
    rank[j] = t;
  }
  const tierCum = cumulative(TIERS.map((t) => t.share));
  const adoptCum = cumulative(PRODUCTS.map((p) => p.adoption));
  const m: Merchants = {
    count: n,
    weight: new Float64Array(n),
    idBytes: [],
    tail: [],
    prodStart: new Int32Array(n),
    prodCount: new Int32Array(n),
    prodIdx: new Int32Array(n * PRODUCTS.length),
    prodCum: new Float64Array(n * PRODUCTS.length),
  };
  let k = 0;
  for (let i = 0; i < n; i++) {
    // MRC-000001 is the merchant of the injected defect rows (LAGOS, VERIFIED); keep it stable.
    const tier = i === 0 ? 1 : pick(tierCum, rng.float());
    const region = i === 0 ? 0 : rng.int(REGIONS.length);
    m.weight[i] = Math.pow(rank[i], -ZIPF_S) * TIERS[tier].activity;
    m.idBytes.push(bytes(style.q(`MRC-${String(i + 1).padStart(6, '0')}`)));
    m.tail.push(bytes(`,${style.q(REGIONS[region])},${style.q(TIERS[tier].name)}${style.eol}`));
    const chosen: number[] = [];
    for (let p = 0; p < PRODUCTS.length; p++) if (rng.float() < PRODUCTS[p].adoption) chosen.push(p);
    if (chosen.length === 0) chosen.push(pick(adoptCum, rng.float()));
    if (i === 0 && !chosen.includes(0)) chosen.unshift(0);
    m.prodStart[i] = k;
    m.prodCount[i] = chosen.length;
    const cum = cumulative(chosen.map((p) => PRODUCTS[p].weight));
    for (let j = 0; j < chosen.length; j++) {
      m.prodIdx[k + j] = chosen[j];
      m.prodCum[k + j] = cum[j];
    }
    k += chosen.length;
  }
  return m;
}

function ratioAt(u: number): number {
  const q = AMOUNT_QUANTILES;
  let i = 0;
  while (i < q.length - 2 && u >= q[i + 1][0]) i++;
  const [p0, r0] = q[i];
  const [p1, r1] = q[i + 1];
  const t = (u - p0) / (p1 - p0);
  return Math.exp(Math.log(r0) + t * (Math.log(r1) - Math.log(r0)));
}

function addDays(start: string, d: number): Date {
  const [y, mo, da] = start.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, da + d));
}
const iso = (date: Date): string => date.toISOString().slice(0, 10);

export function resolveSize(options: Pick<GenerateOptions, 'rows' | 'days'>): { rows: number; days: number } {
  let { rows, days } = options;
  if (rows === undefined && days === undefined) return { rows: FULL_YEAR_ROWS, days: FULL_YEAR_DAYS };
  if (days === undefined) days = Math.max(1, Math.round(rows! / ROWS_PER_DAY));
  if (rows === undefined) rows = days * ROWS_PER_DAY;
  if (!Number.isInteger(rows) || rows < days || !Number.isInteger(days) || days < 1) {
    throw new Error(`Cannot generate ${rows} rows over ${days} days.`);
  }
  return { rows, days };
}

export function generateDataset(options: GenerateOptions): GenerateResult {
  const t0 = performance.now();
  const { rows, days } = resolveSize(options);
  const seed = options.seed ?? 1;
  const startDate = options.startDate ?? '2024-01-01';
  if (!/^\d{4}-\d\d-\d\d$/.test(startDate)) throw new Error(`startDate must be YYYY-MM-DD, got ${startDate}`);
  const rng = new Random(seed);
  fs.mkdirSync(options.outDir, { recursive: true });
  const quote = options.quote ?? false;
  const style: Style = { q: (t) => (quote ? `"${t}"` : t), eol: options.crlf ? '\r\n' : '\n', quote };
  const { q, eol } = style;

  const merchants = makeMerchants(rng, style);
  const hourCum = cumulative(HOUR_WEIGHTS);
  const prodTables = PRODUCTS.map((p) => ({
    cap: p.cap,
    typeCum: cumulative(p.eventTypes.map((e) => e[1])),
    chanCum: cumulative(p.channels.map((c) => c[1])),
    statusCum: cumulative(p.statuses),
    // ",PRODUCT,EVENT_TYPE," before the amount; ",STATUS,CHANNEL" after it.
    typeBytes: p.eventTypes.map((e) => bytes(`,${q(p.name)},${q(e[0])},`)),
    statusChan: ['SUCCESS', 'FAILED', 'PENDING'].map((s) => p.channels.map((c) => bytes(`,${q(s)},${q(c[0])}`))),
  }));

  // Rows per day vary around the mean (the real days differ by ±20%); the total is exact.
  const dayWeight = Array.from({ length: days }, () => Math.exp(0.15 * rng.gauss()));
  const wsum = dayWeight.reduce((a, b) => a + b, 0);
  const dayRows = dayWeight.map((w) => Math.floor((rows * w) / wsum));
  for (let i = 0, rest = rows - dayRows.reduce((a, b) => a + b, 0); rest > 0; i = (i + 1) % days, rest--) dayRows[i]++;

  const pool = new Uint8Array(POOL_SIZE * 16);
  let poolCount = 0;
  let poolNext = 0;
  const staged = new Uint8Array(8192 * 16);
  const id = new Uint8Array(16);
  const idView = new DataView(id.buffer);
  const activeIdx = new Int32Array(merchants.count);
  const activeCum = new Float64Array(merchants.count);
  const defects: DefectCounts = { empty_timestamp: 0, not_a_date: 0, invalid_amount: 0, missing_merchant: 0 };
  let duplicates = 0;
  let totalBytes = 0;
  const files: string[] = [];

  const blockDate = startDate;
  const defectHead = bytes(`,${q('MRC-000001')},`);
  const rest = (amount: string): string =>
    `,${q('POS')},${q('CARD_TRANSACTION')},${amount},${q('SUCCESS')},${q('POS')},${q('LAGOS')},${q('VERIFIED')}${eol}`;
  const defectTail = bytes(rest('1000.00'));
  const blockInvalidAmount = bytes(`,${q('MRC-000001')},${q(`${blockDate}T10:00:00`)}${rest(q('INVALID'))}`);
  const blockNoMerchant = bytes(`,${q('')},${q(`${blockDate}T10:00:00`)}${rest('1000.00')}`);
  const header = bytes(HEADER.replace('\n', eol));
  const QUOTE = 34;

  const newId = (): void => {
    idView.setUint32(0, rng.u32());
    idView.setUint32(4, rng.u32());
    idView.setUint32(8, rng.u32());
    idView.setUint32(12, rng.u32());
    id[6] = (id[6] & 0x0f) | 0x40;
    id[8] = (id[8] & 0x3f) | 0x80;
  };

  for (let d = 0; d < days; d++) {
    const date = addDays(startDate, d);
    const day = iso(date);
    const file = path.resolve(options.outDir, `activities_${day.replace(/-/g, '')}.csv`);
    const datePrefix = bytes(`${quote ? '"' : ''}${day}T`);
    const n = dayRows[d];

    let emptyTs = rng.poisson(DEFECT_RATES.empty_timestamp * n);
    let notADate = rng.poisson(DEFECT_RATES.not_a_date * n);
    let badAmount = rng.poisson(DEFECT_RATES.invalid_amount * n);
    let noMerchant = rng.poisson(DEFECT_RATES.missing_merchant * n);
    if (emptyTs + notADate + badAmount + noMerchant >= n) emptyTs = notADate = badAmount = noMerchant = 0;
    const normal = n - emptyTs - notADate - badAmount - noMerchant;

    let active = 0;
    let acc = 0;
    for (let i = 0; i < merchants.count; i++) {
      if (rng.float() < DAILY_ACTIVE) {
        activeIdx[active] = i;
        activeCum[active++] = acc += merchants.weight[i];
      }
    }
    if (active === 0) {
      activeIdx[0] = 0;
      activeCum[active++] = acc = 1;
    }
    for (let i = 0; i < active; i++) activeCum[i] /= acc;

    const seconds = new Uint32Array(normal);
    for (let i = 0; i < normal; i++) seconds[i] = pick(hourCum, rng.float()) * 3600 + rng.int(3600);
    seconds.sort();
    // The files are sorted by timestamp text: the block of first-day 10:00:00 rows lands at that time on
    // the first day and before every row on later days.
    let blockAt = 0;
    if (day === blockDate) while (blockAt < normal && seconds[blockAt] < 36_000) blockAt++;

    const fd = fs.openSync(file, 'w');
    const w = new ChunkWriter(fd);
    w.put(header);
    const defectRow = (ts: Buffer | null): void => {
      w.room(256);
      newId();
      if (quote) w.buf[w.pos++] = QUOTE;
      w.uuid(id, 0);
      if (quote) w.buf[w.pos++] = QUOTE;
      w.put(defectHead);
      if (quote) w.buf[w.pos++] = QUOTE;
      if (ts) w.put(ts);
      if (quote) w.buf[w.pos++] = QUOTE;
      w.put(defectTail);
    };
    for (let i = 0; i < emptyTs; i++) defectRow(null);
    defects.empty_timestamp += emptyTs;

    let stagedCount = 0;
    for (let r = 0; r <= normal; r++) {
      if (r === blockAt) {
        while (badAmount + noMerchant > 0) {
          const amountDefect = noMerchant === 0 || (badAmount > 0 && rng.int(badAmount + noMerchant) < badAmount);
          w.room(256);
          newId();
          if (quote) w.buf[w.pos++] = QUOTE;
          w.uuid(id, 0);
          if (quote) w.buf[w.pos++] = QUOTE;
          if (amountDefect) {
            w.put(blockInvalidAmount);
            badAmount--;
            defects.invalid_amount++;
          } else {
            w.put(blockNoMerchant);
            noMerchant--;
            defects.missing_merchant++;
          }
        }
      }
      if (r === normal) break;

      w.room(256);
      if (quote) w.buf[w.pos++] = QUOTE;
      if (d > 0 && poolCount > 0 && rng.float() < DUPLICATE_RATE) {
        w.uuid(pool, rng.int(poolCount) * 16);
        duplicates++;
      } else {
        newId();
        w.uuid(id, 0);
        if (stagedCount < 8192 && rng.float() < POOL_SAMPLE) staged.set(id, stagedCount++ * 16);
      }
      const a = activeIdx[pick(activeCum, rng.float(), active)];
      if (quote) w.buf[w.pos++] = QUOTE;
      w.buf[w.pos++] = 44;
      w.put(merchants.idBytes[a]);
      w.buf[w.pos++] = 44;
      w.put(datePrefix);
      const s = seconds[r];
      w.two((s / 3600) | 0);
      w.buf[w.pos++] = 58;
      w.two(((s / 60) | 0) % 60);
      w.buf[w.pos++] = 58;
      w.two(s % 60);
      if (quote) w.buf[w.pos++] = QUOTE;

      const ps = merchants.prodStart[a];
      const p = merchants.prodIdx[ps + pick(merchants.prodCum.subarray(ps, ps + merchants.prodCount[a]), rng.float())];
      const t = prodTables[p];
      w.put(t.typeBytes[pick(t.typeCum, rng.float())]);
      if (t.cap === 0) w.amount(0);
      else w.amount(Math.max(1, Math.round(ratioAt(rng.float()) * t.cap * 100)));
      w.put(t.statusChan[pick(t.statusCum, rng.float())][pick(t.chanCum, rng.float())]);
      w.put(merchants.tail[a]);
    }

    for (let i = 0; i < notADate; i++) defectRow(NOT_A_DATE);
    defects.not_a_date += notADate;
    w.flush();
    fs.closeSync(fd);
    totalBytes += w.written;
    files.push(file);

    // Only ids of finished days can come back, so every duplicate crosses a file boundary.
    for (let i = 0; i < stagedCount; i++) {
      pool.set(staged.subarray(i * 16, i * 16 + 16), poolNext * 16);
      poolNext = (poolNext + 1) % POOL_SIZE;
      poolCount = Math.min(poolCount + 1, POOL_SIZE);
    }
  }

  return { files, rows, bytes: totalBytes, defects, duplicates, seconds: (performance.now() - t0) / 1000 };
}

const NOT_A_DATE = bytes('NOT-A-DATE');

function parseArgs(argv: string[]): GenerateOptions {
  const opts: Partial<GenerateOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const num = (): number => {
      const v = Number(value);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} needs a whole number, got ${value}`);
      i++;
      return v;
    };
    if (flag === '--out') (opts.outDir = value), i++;
    else if (flag === '--rows') opts.rows = num();
    else if (flag === '--days') opts.days = num();
    else if (flag === '--seed') opts.seed = num();
    else if (flag === '--start') (opts.startDate = value), i++;
    else if (flag === '--crlf') opts.crlf = true;
    else if (flag === '--quote') opts.quote = true;
    else throw new Error(`Unknown option ${flag}`);
  }
  if (!opts.outDir) throw new Error('Usage: node out/bench/generate.js --out DIR [--rows N] [--days D] [--seed S] [--start YYYY-MM-DD] [--crlf] [--quote]');
  return opts as GenerateOptions;
}

if (require.main === module) {
  try {
    const result = generateDataset(parseArgs(process.argv.slice(2)));
    const { files, ...rest } = result;
    process.stdout.write(JSON.stringify({ ...rest, file_count: files.length, first: files[0], last: files.at(-1) }) + '\n');
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
