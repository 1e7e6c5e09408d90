// A month's events as Arrow columns, the form parquet-wasm takes: typed arrays filled in place and reused
// after every batch, with no object per event. Text that repeats (merchant, product, event type, status,
// channel, region, tier, source file) is an index into a dictionary made once per export from the
// labels, so it costs an Int32 per event; event_id and event_timestamp are UTF-8 bytes in a slab.
import { Data, DateDay, Decimal, Dictionary, Int32, makeData, makeVector, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { PRODUCTS, STATUSES } from '../../../shared/metrics.js';
import { naiveIso } from '../explore/events.js';
import { kindEventType, kindProduct, kindStatus } from '../model/event-kind.js';
import { EXPORT_COLUMNS } from './columns.js';
import type { ExportEvent, ExportScan } from './stream.js';
import { TIMESTAMP_BYTES, TimestampWriter, UUID_BYTES, writeUuid } from './text-bytes.js';

/** A dictionary column's values; the last entry is the empty text, for a code the labels do not know. */
interface Dict {
  type: Dictionary<Utf8, Int32>;
  values: Vector<Utf8>;
  /** Index of the empty text (the codes at or beyond it are unknown). */
  missing: number;
}

type DictName = 'merchant_id' | 'product' | 'event_type' | 'status' | 'channel' | 'region' | 'merchant_tier' | 'source_file';

/** The dictionaries of one export: the same types (and ids) in every batch, so every file has one schema. */
export class ExportDictionaries {
  readonly dicts: Record<DictName, Dict>;

  constructor({ labels, sources }: ExportScan) {
    const eventTypes: string[] = [];
    for (const [code, text] of labels.eventTypes) eventTypes[code] = text;
    let id = 0;
    const dict = (texts: readonly (string | undefined)[]): Dict => {
      const values = [...Array.from(texts, (t) => t ?? ''), ''];
      return { type: new Dictionary(new Utf8(), new Int32(), id++), values: vectorFromArray(values, new Utf8()), missing: values.length - 1 };
    };
    this.dicts = {
      merchant_id: dict(labels.merchants),
      product: dict(PRODUCTS),
      event_type: dict(eventTypes),
      status: dict(STATUSES),
      channel: dict(labels.attrChannel),
      region: dict(labels.attrRegion),
      merchant_tier: dict(labels.attrTier),
      source_file: dict(sources),
    };
  }
}

const code = (v: number, d: Dict) => (v >= 0 && v < d.missing ? v : d.missing);

/** Bit i of a validity bitmap, which Arrow keeps one bit an event, set means present. */
const setBit = (bits: Uint8Array, i: number) => (bits[i >> 3] |= 1 << (i & 7));

/** Up to `capacity` events of one month, column by column. */
export class ArrowBatch {
  size = 0;
  private readonly ids: Uint8Array;
  private readonly idOffsets: Int32Array;
  private times: Uint8Array;
  private readonly timeOffsets: Int32Array;
  private timeBytes = 0;
  private readonly days: Int32Array;
  /** Decimal128: four little-endian 32-bit words an event. */
  private readonly amounts: Uint32Array;
  private readonly lines: Int32Array;
  private readonly codes: Record<DictName, Int32Array>;
  private readonly valid: Record<'event_timestamp' | 'event_date' | 'amount' | 'source_line', Uint8Array>;
  private readonly nulls = { event_timestamp: 0, event_date: 0, amount: 0, source_line: 0 };

  constructor(readonly capacity: number, private readonly d: ExportDictionaries, private readonly clock: TimestampWriter) {
    this.ids = new Uint8Array(capacity * UUID_BYTES);
    this.idOffsets = Int32Array.from({ length: capacity + 1 }, (_, i) => i * UUID_BYTES);
    this.times = new Uint8Array(capacity * TIMESTAMP_BYTES);
    this.timeOffsets = new Int32Array(capacity + 1);
    this.days = new Int32Array(capacity);
    this.amounts = new Uint32Array(capacity * 4);
    this.lines = new Int32Array(capacity);
    this.codes = Object.fromEntries(Object.keys(d.dicts).map((k) => [k, new Int32Array(capacity)])) as Record<DictName, Int32Array>;
    const bits = () => new Uint8Array((capacity + 7) >> 3);
    this.valid = { event_timestamp: bits(), event_date: bits(), amount: bits(), source_line: bits() };
  }

  add({ block: b, i, day, source }: ExportEvent): void {
    const n = this.size;
    const { dicts } = this.d;
    const c = this.codes;
    writeUuid(b.eventId, i, this.ids, n * UUID_BYTES);
    c.merchant_id[n] = code(b.merchant[i], dicts.merchant_id);
    this.addTime(n, b.ts[i]);
    if (day === null) this.nulls.event_date++;
    else {
      this.days[n] = day;
      setBit(this.valid.event_date, n);
    }
    const kind = b.kind[i];
    c.product[n] = code(kindProduct(kind), dicts.product);
    c.event_type[n] = code(kindEventType(kind), dicts.event_type);
    c.status[n] = code(kindStatus(kind), dicts.status);
    const attrs = b.attrs[i];
    c.channel[n] = code(attrs, dicts.channel);
    c.region[n] = code(attrs, dicts.region);
    c.merchant_tier[n] = code(attrs, dicts.merchant_tier);
    c.source_file[n] = code(source, dicts.source_file);
    const kobo = b.amount[i];
    if (kobo !== kobo) this.nulls.amount++;
    else {
      // The unscaled value exactly, as a two's-complement 128-bit integer (kobo is a safe integer).
      const hi = Math.floor(kobo / 4294967296);
      const o = n * 4;
      this.amounts[o] = kobo - hi * 4294967296;
      this.amounts[o + 1] = hi >>> 0;
      this.amounts[o + 2] = this.amounts[o + 3] = hi < 0 ? 0xffffffff : 0;
      setBit(this.valid.amount, n);
    }
    const line = b.line[i];
    if (line !== line) this.nulls.source_line++;
    else {
      this.lines[n] = line;
      setBit(this.valid.source_line, n);
    }
    this.size = n + 1;
  }

  private addTime(n: number, ts: number): void {
    if (ts !== ts) {
      this.nulls.event_timestamp++;
      this.timeOffsets[n + 1] = this.timeBytes;
      return;
    }
    let len = this.clock.write(ts, this.times, this.timeBytes);
    if (len < 0) {
      // A year outside 0000-9999: longer than the slab plans for, so it may have to grow.
      const text = new TextEncoder().encode(naiveIso(ts)!);
      if (this.timeBytes + text.length > this.times.length) {
        const grown = new Uint8Array(this.times.length * 2 + text.length);
        grown.set(this.times.subarray(0, this.timeBytes));
        this.times = grown;
      }
      this.times.set(text, this.timeBytes);
      len = text.length;
    }
    this.timeBytes += len;
    this.timeOffsets[n + 1] = this.timeBytes;
    setBit(this.valid.event_timestamp, n);
  }

  /** The batch as an Arrow IPC stream (a copy), then empties it for reuse. */
  takeIpc(): Uint8Array {
    const n = this.size;
    const { dicts } = this.d;
    const utf8 = (valueOffsets: Int32Array, data: Uint8Array, nullBitmap?: Uint8Array, nullCount = 0) =>
      makeData({ type: new Utf8(), length: n, valueOffsets: valueOffsets.subarray(0, n + 1), data, nullBitmap, nullCount });
    const columns: Record<string, Data> = {
      event_id: utf8(this.idOffsets, this.ids.subarray(0, n * UUID_BYTES)),
      event_timestamp: utf8(this.timeOffsets, this.times.subarray(0, this.timeBytes), this.valid.event_timestamp, this.nulls.event_timestamp),
      event_date: makeData({ type: new DateDay(), length: n, data: this.days.subarray(0, n), nullBitmap: this.valid.event_date, nullCount: this.nulls.event_date }),
      amount: makeData({ type: new Decimal(2, 18, 128), length: n, data: this.amounts.subarray(0, n * 4), nullBitmap: this.valid.amount, nullCount: this.nulls.amount }),
      source_line: makeData({ type: new Int32(), length: n, data: this.lines.subarray(0, n), nullBitmap: this.valid.source_line, nullCount: this.nulls.source_line }),
    };
    for (const [name, d] of Object.entries(dicts)) {
      // A copy per column: with channel, region and tier over one buffer, tableToIPC wrote a stream
      // parquet-wasm could not read.
      columns[name] = makeData({ type: d.type, length: n, data: this.codes[name as DictName].slice(0, n), dictionary: d.values });
    }
    const ipc = tableToIPC(new Table(Object.fromEntries(EXPORT_COLUMNS.map(([name]) => [name, makeVector(columns[name])]))), 'stream');
    this.size = 0;
    this.timeBytes = 0;
    for (const bits of Object.values(this.valid)) bits.fill(0);
    for (const k of Object.keys(this.nulls) as (keyof typeof this.nulls)[]) this.nulls[k] = 0;
    return ipc;
  }
}
