// Reads one CSV file on the parse thread and turns it into validated, columnar batches.
// The file is read in 64 KB chunks and cut into blocks of whole lines (never inside a quoted field), each
// parsed by papaparse; that keeps memory flat whatever the file size and gives every row its line number.
import fs from 'node:fs';
import crypto from 'node:crypto';
import Papa from 'papaparse';
import { PRODUCTS, STATUSES } from '../../../shared/metrics.js';
import type { RejectReason } from '../../../shared/importing.js';
import { decodeUuid, parseAmountKobo, parseTimestamp, type ParsedTimestamp } from './fields.js';
import { hashId, type LoggedRow, type ParserMessage, type RowBatch } from './batch.js';
import { merchantNumbersFull } from './texts-kept.js';

export const REQUIRED_COLUMNS = [
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

/**
 * Read size. A decoded chunk over 128 KB is a string too large for V8's young generation, and each one
 * was mapped and unmapped in a space of its own: at 256 KB the import took 235,000 page faults per 3M
 * rows, at 64 KB 74,000, and its system time fell from 1.4 to 0.85 s (perf stat, CLI import of the 3M
 * set, three interleaved rounds; the parse thread alone 1.97 -> 1.82 us a row).
 */
const CHUNK_BYTES = 64 * 1024;
/** Longest run of text kept while looking for the end of a quoted field before the quote is judged unterminated. */
const MAX_OPEN_QUOTE_CHARS = 16 << 20;
const RAW_LIMIT_BYTES = 1024;

export interface ParseContext {
  batchRows: number;
  knownSizes: Set<number>;
  knownHashes: Set<string>;
  /** Rejected and warned rows whose raw text may still be logged in this import. */
  logBudget: { remaining: number };
  dicts: Dicts;
  /** Sends a message in file order; resolves when the writer can take more. */
  post(msg: ParserMessage): Promise<void> | void;
  /** Arrays of a batch the writer has finished with, when there is one. */
  recycle?(): RowBatch | undefined;
}

const PRODUCT_CODE = new Map<string, number>(PRODUCTS.map((p, i) => [p, i]));
const STATUS_CODE = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

function code(map: Map<string, number>, value: string): number {
  const c = map.get(value);
  if (c !== undefined) return c;
  return map.get(value.toUpperCase()) ?? -1;
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? 'error';
}

function hashWholeFile(fd: number, buf: Buffer): string {
  const h = crypto.createHash('sha256');
  let pos = 0;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    h.update(buf.subarray(0, n));
    pos += n;
  }
  return h.digest('hex');
}

function truncateRaw(s: string): string {
  if (s.length <= RAW_LIMIT_BYTES / 4) return s;
  let out = s.slice(0, RAW_LIMIT_BYTES);
  while (Buffer.byteLength(out) > RAW_LIMIT_BYTES) out = out.slice(0, out.length - 16);
  return out;
}

/** Dictionary of the distinct texts of one column for the whole import; hands out only new texts per batch. */
export class Dict {
  protected readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private sent = 0;
  id(v: string): number {
    let i = this.index.get(v);
    if (i === undefined) i = this.append(v);
    return i;
  }
  protected append(v: string): number {
    const i = this.values.length;
    this.values.push(v);
    this.index.set(v, i);
    return i;
  }
  takeNew(): string[] {
    const fresh = this.values.slice(this.sent);
    this.sent = this.values.length;
    return fresh;
  }
  /** Texts numbered since the last start. */
  get size(): number {
    return this.values.length;
  }
  /** Forgets every text and numbers from 0 again (see merchantNumbersFull). */
  restart(): void {
    this.values.length = 0;
    this.index.clear();
    this.sent = 0;
  }
}

/**
 * For columns with a handful of values (channel, region, tier, event type): each row's text is a fresh
 * string, and comparing it with a few known values is cheaper than hashing it for a Map lookup.
 */
export class SmallDict extends Dict {
  override id(v: string): number {
    const vals = this.values;
    const n = vals.length < 32 ? vals.length : 32;
    for (let i = 0; i < n; i++) if (vals[i] === v) return i;
    return super.id(v);
  }
}

/** Longest numeric part served by MerchantDict's table, and the table's largest size (4 MB). */
const MAX_SHAPE_DIGITS = 9;
const MAX_TABLE = 1 << 20;

/**
 * Merchant ids. A Map lookup per row was a ninth of the parse thread, since every row's id is a fresh
 * string whose hash must be computed. Exports number their merchants: once the first id shows a prefix
 * followed by digits, ids of that prefix are looked up by their number in a table, when the number
 * determines the text. That is so for a fixed count of digits when the first id is zero-padded
 * (MRC-000123), and for numbers written without leading zeros otherwise (MERCH_7, MERCH_12345). Every
 * other id (or a number past the table) still goes through the Map, so the ids handed out are the same.
 */
export class MerchantDict extends Dict {
  private prefix = '';
  /** The digit count of a zero-padded shape; 0 for numbers without leading zeros; -1 for no shape. */
  private width = -2;
  private table = new Int32Array(0);

  override id(v: string): number {
    const p = this.prefix;
    const plen = p.length;
    const digits = v.length - plen;
    const w = this.width;
    if (w >= 0 && digits >= 1 && digits <= MAX_SHAPE_DIGITS && (w === 0 ? v.charCodeAt(plen) !== 48 : digits === w)) {
      let i = 0;
      for (; i < plen; i++) if (v.charCodeAt(i) !== p.charCodeAt(i)) break;
      if (i === plen) {
        let num = 0;
        for (; i < v.length; i++) {
          const d = v.charCodeAt(i) - 48;
          if (d < 0 || d > 9) break;
          num = num * 10 + d;
        }
        if (i === v.length && num < MAX_TABLE) {
          if (num >= this.table.length) this.grow(num);
          const known = this.table[num];
          if (known > 0) return known - 1;
          const id = super.id(v);
          this.table[num] = id + 1;
          return id;
        }
      }
    } else if (w === -2) this.learnShape(v);
    return super.id(v);
  }

  /** Takes the shape from the first id: a prefix of up to 16 characters, then 1-9 digits. */
  private learnShape(v: string): void {
    let i = v.length;
    while (i > 0 && v.charCodeAt(i - 1) >= 48 && v.charCodeAt(i - 1) <= 57) i--;
    const digits = v.length - i;
    if (digits < 1 || digits > MAX_SHAPE_DIGITS || i > 16) {
      this.width = -1;
      return;
    }
    this.prefix = v.slice(0, i);
    this.width = v.charCodeAt(i) === 48 ? digits : 0;
  }

  override restart(): void {
    super.restart();
    this.table.fill(0);
  }

  private grow(num: number): void {
    const next = new Int32Array(Math.min(MAX_TABLE, Math.max(1024, 2 ** Math.ceil(Math.log2(num + 1)))));
    next.set(this.table);
    this.table = next;
  }
}

/** Ids of the (channel, region, tier) combinations, from their dictionary ids; hands out only new ones per batch. */
export class AttrSetDict {
  private readonly index = new Map<number | string, number>();
  private readonly sets: number[] = [];
  private sent = 0;
  id(channel: number, region: number, tier: number): number {
    // One number holds the three ids while each is below 2^17 (always, short of millions of distinct texts).
    const key = channel < 131072 && region < 131072 && tier < 131072 ? (channel * 131072 + region) * 131072 + tier : `${channel},${region},${tier}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.sets.length / 3;
      this.sets.push(channel, region, tier);
      this.index.set(key, i);
    }
    return i;
  }
  takeNew(): number[] {
    const fresh = this.sets.slice(this.sent);
    this.sent = this.sets.length;
    return fresh;
  }
}

export interface Dicts {
  merchants: Dict;
  eventTypes: Dict;
  channels: Dict;
  regions: Dict;
  tiers: Dict;
  attrSets: AttrSetDict;
}

export const newDicts = (): Dicts => ({
  merchants: new MerchantDict(), eventTypes: new SmallDict(), channels: new SmallDict(), regions: new SmallDict(), tiers: new SmallDict(), attrSets: new AttrSetDict(),
});

class BatchBuilder {
  n = 0;
  readonly b: RowBatch;
  constructor(
    size: number,
    readonly d: Dicts,
    recycled?: RowBatch,
  ) {
    if (recycled && recycled.ids.length === size * 4) {
      recycled.logged = [];
      this.b = recycled;
      return;
    }
    this.b = {
      n: 0,
      ids: new Uint32Array(size * 4),
      hashes: new Uint32Array(size),
      merchant: new Uint32Array(size),
      merchants: [],
      ts: new Float64Array(size),
      month: new Int32Array(size),
      day: new Int32Array(size),
      product: new Uint8Array(size),
      status: new Uint8Array(size),
      eventType: new Uint32Array(size),
      eventTypes: [],
      channels: [],
      regions: [],
      tiers: [],
      attrs: new Uint32Array(size),
      attrSets: [],
      amount: new Float64Array(size),
      line: new Uint32Array(size),
      logged: [],
      bytesDone: 0,
    };
  }
  finish(bytesDone: number): RowBatch {
    const { b, d } = this;
    b.n = this.n;
    b.merchants = d.merchants.takeNew();
    if (merchantNumbersFull(d.merchants.size)) d.merchants.restart();
    b.eventTypes = d.eventTypes.takeNew();
    b.channels = d.channels.takeNew();
    b.regions = d.regions.takeNew();
    b.tiers = d.tiers.takeNew();
    b.attrSets = d.attrSets.takeNew();
    b.bytesDone = bytesDone;
    return b;
  }
}

/** Index of the last newline that is outside any quoted field, or -1. Quote parity decides: "" inside a quoted field keeps it even. */
function lastNewlineOutsideQuotes(text: string): number {
  if (text.indexOf('"') === -1) return text.lastIndexOf('\n');
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) last = i;
  }
  return last;
}

/** quotedRowEnd's answers other than an offset. */
const MALFORMED_QUOTES = -1;
const OPEN_QUOTE = -2;
/** Characters of rows judged before they are parsed (see parseBlock). */
const JUDGE_WINDOW = 16 * 1024;

/**
 * Where the row starting at `from` ends (past its line end, or the end of the text), by the quoting
 * papaparse reads in well-formed text: a quote opens a field only as its first character, "" inside is
 * a quote, and the closing quote is followed by optional spaces and a comma or line end. MALFORMED_QUOTES
 * when a closing quote is followed by anything else, OPEN_QUOTE when a quoted field is still open at the
 * end. papaparse reads on past such a quote to the next one that fits, so one stray quote merged the
 * rows after it into one rejected row; judging rows here first keeps that to its own line, and keeps
 * the re-reading linear.
 */
function quotedRowEnd(s: string, from: number): number {
  const len = s.length;
  let lineEnd = s.indexOf('\n', from);
  const q = s.indexOf('"', from);
  if (q === -1 || (lineEnd !== -1 && q > lineEnd)) return lineEnd === -1 ? len : lineEnd + 1;
  for (let i = from; ; ) {
    if (s.charCodeAt(i) === 34) {
      let j = i;
      do j = s.indexOf('"', j + 1);
      while (j !== -1 && s.charCodeAt(j + 1) === 34 && ++j);
      if (j === -1) return OPEN_QUOTE;
      let k = j + 1;
      while (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9) k++;
      if (k === len && k === j + 1) return len;
      const c = s.charCodeAt(k);
      if (c === 10) return k + 1;
      if (c !== 44) return MALFORMED_QUOTES;
      i = k + 1;
      if (lineEnd !== -1 && lineEnd < i) lineEnd = s.indexOf('\n', i);
      continue;
    }
    const comma = s.indexOf(',', i);
    if (comma === -1 || (lineEnd !== -1 && comma > lineEnd)) return lineEnd === -1 ? len : lineEnd + 1;
    i = comma + 1;
  }
}

function quotesBetween(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('"', from); i !== -1 && i < to; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * Unwraps, in place, fields written as "text" where the text holds no quote (a comma or newline cannot
 * be in a field split by fastMode). False when a field holds any other use of quotes; the row must
 * then go through papaparse's full parser.
 */
function unwrapSimpleQuotes(f: string[]): boolean {
  for (let k = 0; k < f.length; k++) {
    const s = f[k];
    const q = s.indexOf('"');
    if (q === -1) continue;
    if (q !== 0 || s.indexOf('"', 1) !== s.length - 1) return false; // a lone " fails here too
    f[k] = s.slice(1, -1);
  }
  return true;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

type Header = { count: number; ix: Record<(typeof REQUIRED_COLUMNS)[number], number> };

function readHeader(fields: string[]): Header | string[] {
  const names = fields.map((f) => f.replace(/^\uFEFF/, '').trim().toLowerCase());
  const ix = {} as Header['ix'];
  const missing: string[] = [];
  for (const col of REQUIRED_COLUMNS) {
    const i = names.indexOf(col);
    if (i < 0) missing.push(col);
    else ix[col] = i;
  }
  return missing.length ? missing : { count: fields.length, ix };
}

let readBuffer: Buffer | undefined;

/** Parses one file and posts its messages: file-begin, batches, then file-end or file-error (or unchanged). */
export async function parseFile(file: number, path: string, ctx: ParseContext): Promise<void> {
  // One read buffer for the thread: a fresh one per file left a megabyte of garbage outside the heap
  // for each file until the collector got round to it.
  const buf = (readBuffer ??= Buffer.allocUnsafe(CHUNK_BYTES));
  let fd: number;
  try {
    // Non-blocking, so a file replaced by a pipe after the folder was listed cannot hang the thread on
    // open (reads of a regular file are unaffected); anything but a regular file is refused.
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      fs.closeSync(fd);
      throw Object.assign(new Error('not a regular file'), { code: st.isDirectory() ? 'EISDIR' : 'not a regular file: a pipe or device' });
    }
  } catch (err) {
    await ctx.post({ type: 'file-error', file, hash: null, code: 'unreadable', message: `The file could not be opened (${errorCode(err)}). Check that it still exists and that you may read it, then import it again.` });
    return;
  }
  try {
    await parseOpenFile(file, fd, buf, ctx);
  } catch (err) {
    await ctx.post({ type: 'file-error', file, hash: null, code: 'unreadable', message: `Reading the file failed part-way (${errorCode(err)}); nothing from it was kept. Check the drive and import it again.` });
  } finally {
    fs.closeSync(fd);
  }
}

async function parseOpenFile(file: number, fd: number, buf: Buffer, ctx: ParseContext): Promise<void> {
  const size = fs.fstatSync(fd).size;
  let knownHash: string | null = null;
  if (ctx.knownSizes.has(size)) {
    knownHash = hashWholeFile(fd, buf);
    if (ctx.knownHashes.has(knownHash)) {
      await ctx.post({ type: 'unchanged', file, hash: knownHash });
      return;
    }
  }
  const fail = async (code: 'missing_columns' | 'not_csv', message: string) => {
    await ctx.post({ type: 'file-error', file, hash: knownHash ?? hashWholeFile(fd, buf), code, message });
  };

  const hasher = knownHash ? null : crypto.createHash('sha256');
  const decoder = new TextDecoder('utf-8');
  const ts: ParsedTimestamp = { ms: 0, month: 0, day: 0 };
  const rejected: Partial<Record<RejectReason, number>> = {};
  let header: Header | null = null;
  let rowsRead = 0;
  let pos = 0;
  let carry = '';
  let nextLine = 1;
  let builder = new BatchBuilder(ctx.batchRows, ctx.dicts, ctx.recycle?.());
  let begun = false;
  let skippingLongLine = false;
  /** A classic-Mac export ends its lines with CR alone: read each CR as a line end. */
  let crOnly = false;

  const rejectedTotal = () => Object.values(rejected).reduce((a, b) => a + (b ?? 0), 0);
  const log = (line: number, kind: LoggedRow['kind'], reason: LoggedRow['reason'], raw: () => string) => {
    if (ctx.logBudget.remaining <= 0) return;
    ctx.logBudget.remaining--;
    builder.b.logged.push({ line, kind, reason, raw: truncateRaw(raw()) });
  };

  let rowsAtFlush = 0;
  /** Batches cut while papaparse runs (its step callback cannot wait), posted in order once it returns. */
  const outbox: Extract<ParserMessage, { type: 'batch' }>[] = [];
  const cutBatch = () => {
    rowsAtFlush = rowsRead;
    outbox.push({ type: 'batch', file, batch: builder.finish(pos), rowsRead, rejected: rejectedTotal() });
    builder = new BatchBuilder(ctx.batchRows, ctx.dicts, ctx.recycle?.());
  };
  const drain = async () => {
    for (let msg = outbox.shift(); msg; msg = outbox.shift()) await ctx.post(msg);
  };
  const flush = async () => {
    if (builder.n === 0 && builder.b.logged.length === 0 && rowsRead === rowsAtFlush) return;
    cutBatch();
    await drain();
  };

  /**
   * Parses a block of whole lines starting at line `startLine`, one row at a time (papaparse's step
   * mode: each row's strings die at once, where holding a whole block's rows cost a quarter of the
   * thread in garbage collection). With `trial`, the block was cut at its last newline without
   * checking quotes: if that newline is inside a quoted field (the last row's quote is unterminated),
   * that row is left alone and its offset comes back, so the caller can carry it into the next chunk.
   * Returns the length of the block when every row was taken.
   */
  const parseBlock = async (block: string, startLine: number, trial = false): Promise<number> => {
    if (block.length === 0) {
      nextLine = startLine + 1; // one blank line
      return 0;
    }
    const quoted = block.indexOf('"') !== -1;
    let lineStarts: number[] | null = null;
    rawText = (line: number, span: number) => {
      if (!lineStarts) {
        lineStarts = [0];
        for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      }
      const k = line - startLine;
      const from = lineStarts[k] ?? block.length;
      const to = k + span < lineStarts.length ? lineStarts[k + span] - 1 : block.length;
      return block.slice(from, to);
    };
    let line = startLine;
    let rowStart = 0;
    let taken = block.length;
    /** Offset of a row of several lines that takeRow refused: only its first line is rejected. */
    let splitAt = -1;
    /** One parsed row: a header, a blank line or a data row. False when it is to be split (see takeRow). */
    const onRow = (f: string[], badQuotes: boolean, multiline: boolean): boolean => {
      const rowLine = line;
      let span = 1;
      if (multiline) for (let k = 0; k < f.length; k++) if (f[k].indexOf('\n') !== -1) span += countNewlines(f[k]);
      if (f.length === 1 && f[0].trim() === '') {
        line += span;
        return true; // a blank line is not a row
      }
      if (!header) {
        const h = readHeader(f);
        if (Array.isArray(h)) throw new HeaderError(h);
        header = h;
        line += span;
        return true;
      }
      if (!takeRow(f, header.ix, badQuotes, rowLine, span)) return false;
      line += span;
      return true;
    };
    // Where papaparse's full quote handling takes over. Its quoted path copies and regex-replaces every
    // field, which made files that quote every field (R, Python's QUOTE_ALL) 40% slower. Its fastMode
    // splits on commas and newlines only; that is exact for every row whose quotes only wrap whole
    // fields holding no quote, comma or newline, so those rows are unwrapped and taken, and the first
    // row that is anything else hands the rest of the block to the full parser.
    let slowFrom = 0;
    if (quoted) {
      slowFrom = block.length;
      Papa.parse<string[]>(block, {
        delimiter: ',',
        newline: '\n',
        fastMode: true,
        skipEmptyLines: false,
        step: (result, parser) => {
          if (!unwrapSimpleQuotes(result.data)) {
            slowFrom = rowStart;
            parser.abort();
            return;
          }
          rowStart = result.meta.cursor;
          onRow(result.data, false, false); // one line: never split
        },
      });
    }
    if (slowFrom < block.length) {
      const step = (result: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
        const from = rowStart;
        rowStart = slowFrom + result.meta.cursor;
        let badQuotes = false;
        for (const e of result.errors) {
          if (trial && e.code === 'MissingQuotes') {
            taken = from;
            parser.abort();
            return;
          }
          if (e.type === 'Quotes') badQuotes = true;
        }
        if (!onRow(result.data, badQuotes, quoted)) {
          splitAt = from;
          parser.abort();
        }
      };
      /** Parses [slowFrom, to), whole lines; false when a row was refused, to be split at splitAt. */
      const parseRun = (to: number): boolean => {
        splitAt = -1;
        rowStart = slowFrom;
        const end = block.charCodeAt(to - 1) === 10 ? to - 1 : to; // the line end after the last row starts no row
        if (end === slowFrom) line++; // one blank line
        else Papa.parse<string[]>(slowFrom === 0 && end === block.length ? block : block.slice(slowFrom, end), { delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', skipEmptyLines: false, step });
        if (splitAt >= 0) return false;
        slowFrom = to;
        return true;
      };
      // Rows are judged by quotedRowEnd a window at a time (one row at a time before the header), and
      // only well-formed ones reach papaparse. A row that is not, or a row of several lines that takeRow
      // refused, costs its first line: the lines after it are judged again as rows of their own.
      for (let at = slowFrom; slowFrom < block.length; ) {
        let end = 0;
        const limit = header ? slowFrom + JUDGE_WINDOW : slowFrom;
        while (at < block.length && at <= limit) {
          // Lines without a quote are well formed: step over them to the line of the next quote.
          const q = block.indexOf('"', at);
          const lineOfQuote = q === -1 ? block.length : block.lastIndexOf('\n', q) + 1;
          if (lineOfQuote > at) at = lineOfQuote;
          else if ((end = quotedRowEnd(block, at)) >= 0) at = end;
          else break;
        }
        let bad: number;
        if (at > slowFrom) {
          if (parseRun(at)) continue;
          bad = splitAt;
        } else {
          if (!header) {
            parseRun(block.length); // the header's own quotes, read as papaparse reads them
            break;
          }
          if (end === OPEN_QUOTE && trial) {
            taken = at; // the cut may be inside this row's quoted field: the caller decides
            break;
          }
          bad = at;
        }
        const nl = block.indexOf('\n', bad);
        rejectMalformed(block.slice(bad, nl === -1 ? block.length : nl), line++);
        slowFrom = at = nl === -1 ? block.length : nl + 1;
      }
    }
    nextLine = line; // the row with the open quote, if any, was not counted
    // Keep progress moving through stretches of rejected rows too.
    if (rowsRead - rowsAtFlush >= ctx.batchRows) cutBatch();
    await drain();
    return taken;
  };

  /** The raw text of `span` lines from `line` of the block being parsed. */
  let rawText = (_line: number, _span: number): string => '';
  /**
   * Validates one data row into the batch, or counts and logs why it was rejected. A row of several
   * lines with the wrong shape (field count, quotes) is refused uncounted (false): most likely a stray
   * quote merged rows, so the caller rejects its first line alone and reads on.
   */
  const takeRow = (f: string[], ix: Header['ix'], badQuotes: boolean, rowLine: number, span: number): boolean => {
    let reason: RejectReason | null = null;
    const n = builder.n;
    const b = builder.b;
    let product = -1;
    let status = -1;
    let merchant = '';
    if (badQuotes || f.length !== header!.count) reason = 'malformed_row';
    else if (!decodeUuid(f[ix.event_id].trim(), b.ids, n * 4)) reason = 'invalid_event_id';
    else if ((merchant = f[ix.merchant_id].trim()) === '') reason = 'missing_merchant_id';
    else if ((product = code(PRODUCT_CODE, f[ix.product].trim())) < 0) reason = 'invalid_product';
    else if ((status = code(STATUS_CODE, f[ix.status].trim())) < 0) reason = 'invalid_status';
    // Only a row whose shape is wrong is split: a stray quote that merged rows almost never leaves the
    // header's field count, while a well-formed row of several lines is a row like any other.
    if (reason === 'malformed_row' && span > 1) return false;
    rowsRead++;
    if (reason) {
      rejected[reason] = (rejected[reason] ?? 0) + 1;
      log(rowLine, 'rejected', reason, () => rawText(rowLine, span));
      return true;
    }
    if (parseTimestamp(f[ix.event_timestamp].trim(), ts)) {
      b.ts[n] = ts.ms;
      b.month[n] = ts.month;
      b.day[n] = ts.day;
    } else {
      b.ts[n] = NaN;
      b.month[n] = 0;
      b.day[n] = 0;
      log(rowLine, 'warning', 'invalid_timestamp', () => rawText(rowLine, span));
    }
    const kobo = parseAmountKobo(f[ix.amount].trim());
    b.amount[n] = kobo;
    if (kobo !== kobo) {
      log(rowLine, 'warning', 'invalid_amount', () => rawText(rowLine, span));
    }
    b.line[n] = rowLine;
    const w = n * 4;
    b.hashes[n] = hashId(b.ids[w], b.ids[w + 1], b.ids[w + 2], b.ids[w + 3]);
    b.merchant[n] = ctx.dicts.merchants.id(merchant);
    b.product[n] = product;
    b.status[n] = status;
    b.eventType[n] = ctx.dicts.eventTypes.id(f[ix.event_type].trim().toUpperCase());
    const d = ctx.dicts;
    b.attrs[n] = d.attrSets.id(d.channels.id(f[ix.channel].trim()), d.regions.id(f[ix.region].trim()), d.tiers.id(f[ix.merchant_tier].trim()));
    if (++builder.n === ctx.batchRows) cutBatch();
    return true;
  };

  /**
   * Parses the whole lines of `text` (up to its last newline). Most chunks end outside any quoted field:
   * they are cut at the last newline and the parser says otherwise, rather than every character being
   * scanned for quotes. Returns what is left: the partial last line (whole: true), or, when the cut fell
   * inside a quoted field or there is no newline, everything from the row that holds it. A row the parser
   * finds unterminated although the quotes up to the cut are balanced is a malformed field (such as
   * "1"x), not a cut: its line alone is rejected and parsing goes on from the next line.
   */
  const takeWholeLines = async (text: string): Promise<{ rest: string; whole: boolean }> => {
    for (;;) {
      const cut = text.lastIndexOf('\n');
      if (cut < 0) return { rest: text, whole: false };
      const taken = await parseBlock(text.slice(0, cut), nextLine, true);
      if (taken >= cut) return { rest: text.slice(cut + 1), whole: true };
      if (!header || quotesBetween(text, taken, cut) % 2 === 1) return { rest: text.slice(taken), whole: false };
      text = rejectFirstLine(text.slice(taken));
    }
  };

  /** Counts and logs a line (by default the one at nextLine) as a malformed row. */
  const rejectMalformed = (raw: string, at = nextLine) => {
    rowsRead++;
    rejected.malformed_row = (rejected.malformed_row ?? 0) + 1;
    log(at, 'rejected', 'malformed_row', () => raw);
  };

  /** Rejects the first line of `text` (which holds a newline) as a malformed row; returns the text after it. */
  const rejectFirstLine = (text: string): string => {
    const nl = text.indexOf('\n');
    rejectMalformed(text.slice(0, nl));
    nextLine++;
    return text.slice(nl + 1);
  };

  /** At the end of the file, or when a quote stays open too long: reject the line holding it, parse on. */
  const drainWithOpenQuote = async (text: string): Promise<string> => {
    let rest = text;
    for (;;) {
      const cut = lastNewlineOutsideQuotes(rest);
      if (cut >= 0) {
        await parseBlock(rest.slice(0, cut), nextLine);
        rest = rest.slice(cut + 1);
        continue;
      }
      if (!header || rest.indexOf('\n') === -1) return rest;
      rest = rejectFirstLine(rest);
    }
  };

  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      let bytes = buf.subarray(0, n);
      hasher?.update(bytes);
      if (pos === 0) {
        if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
          return await fail('not_csv', 'This file is UTF-16 text, not UTF-8. Open it in a spreadsheet, save it as "CSV UTF-8", and import it again; nothing from it was imported.');
        }
        if (bytes.subarray(0, 8192).includes(0)) {
          return await fail('not_csv', 'This file is not a CSV text file (it holds binary data); nothing from it was imported.');
        }
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        crOnly = !bytes.includes(0x0a) && bytes.includes(0x0d);
      }
      pos += n;
      if (!begun) {
        begun = true;
        await ctx.post({ type: 'file-begin', file, hash: knownHash });
      }
      let text = carry + decoder.decode(bytes, { stream: true });
      if (text.indexOf('\r') !== -1) text = text.replace(crOnly ? /\r/g : /\r\n/g, '\n');
      if (skippingLongLine) {
        const nl = text.indexOf('\n');
        if (nl === -1) continue;
        text = text.slice(nl + 1);
        skippingLongLine = false;
        nextLine++;
      }
      const { rest, whole } = await takeWholeLines(text);
      if (!whole) {
        if (!header && rest.length > MAX_OPEN_QUOTE_CHARS) {
          // No header within 16 MB: not an export with one row per line (and holding on would cost
          // time and memory that grow with the square of the line).
          return await fail('not_csv', 'The first 16 MB of this file hold no line end, so it has no header row: it is not a CSV export with one row per line. Nothing from it was imported.');
        }
        carry = rest.length > MAX_OPEN_QUOTE_CHARS ? await drainWithOpenQuote(rest) : rest;
        if (carry.length > MAX_OPEN_QUOTE_CHARS && header) {
          // One line longer than any real row: reject it and skip to its end rather than hold it in memory.
          rejectMalformed(carry.slice(0, RAW_LIMIT_BYTES));
          carry = '';
          skippingLongLine = true;
        }
        continue;
      }
      carry = rest;
    }
    let tail = carry + decoder.decode();
    if (tail.indexOf('\r') !== -1) tail = tail.replace(crOnly ? /\r/g : /\r\n/g, '\n');
    if (tail.endsWith('\r')) tail = tail.slice(0, -1);
    if (tail.length) {
      if (!begun) {
        begun = true;
        await ctx.post({ type: 'file-begin', file, hash: knownHash });
      }
      const { rest, whole } = await takeWholeLines(tail + '\n');
      if (!whole && rest.length) await drainWithOpenQuote(rest);
    }
  } catch (err) {
    if (err instanceof HeaderError) {
      return await fail('missing_columns', `The header has no column named ${err.missing.join(', ')}. Each file needs the columns ${REQUIRED_COLUMNS.join(', ')}; nothing from this file was imported.`);
    }
    throw err;
  }
  if (!header) {
    return await fail('missing_columns', `The file is empty: it has no header row naming the columns ${REQUIRED_COLUMNS.join(', ')}. Nothing was imported from it.`);
  }
  await flush();
  await ctx.post({ type: 'file-end', file, hash: knownHash ?? hasher!.digest('hex'), rowsRead, rejected });
}

class HeaderError extends Error {
  constructor(readonly missing: string[]) {
    super('missing columns');
  }
}
