// The columnar batch the parse thread hands to the writer. Typed arrays travel as transfers (no copy);
// text columns travel as ids into dictionaries that live for the whole import: each batch carries only
// the texts first seen in it (the writer appends them to its own id maps in the same order).
import type { RejectReason, WarningReason } from '../../../shared/importing.js';

export interface LoggedRow {
  line: number;
  kind: 'rejected' | 'warning';
  reason: RejectReason | WarningReason;
  raw: string;
}

export interface RowBatch {
  n: number;
  /** Four 32-bit words per event id. */
  ids: Uint32Array;
  /** A 32-bit hash of each event id, for the dedup index. */
  hashes: Uint32Array;
  merchant: Uint32Array;
  /** Texts first seen in this batch; their ids continue from the previous batches'. */
  merchants: string[];
  /** Naive milliseconds as written; NaN when the timestamp was invalid (the writer counts a kept row's warnings from the NaNs). */
  ts: Float64Array;
  /** YYYYMM and YYYYMMDD; 0 when the timestamp was invalid. */
  month: Int32Array;
  day: Int32Array;
  product: Uint8Array;
  status: Uint8Array;
  eventType: Uint32Array;
  /** Texts first seen in this batch; their ids continue from the previous batches'. */
  eventTypes: string[];
  /** Texts first seen in this batch; their ids continue from the previous batches'. */
  channels: string[];
  /** Texts first seen in this batch; their ids continue from the previous batches'. */
  regions: string[];
  /** Texts first seen in this batch; their ids continue from the previous batches'. */
  tiers: string[];
  /** Id of each row's (channel, region, tier) combination. */
  attrs: Uint32Array;
  /** Combinations first seen in this batch, as channel, region, tier dictionary ids in turn. */
  attrSets: number[];
  /** Kobo; NaN when the amount was invalid. */
  amount: Float64Array;
  /** Line of the row in its file (the header is line 1 when it is the first line). */
  line: Uint32Array;
  logged: LoggedRow[];
  /** Bytes of the file consumed so far (for progress). */
  bytesDone: number;
}

export function batchTransfers(b: RowBatch): ArrayBuffer[] {
  return [b.ids, b.hashes, b.merchant, b.ts, b.month, b.day, b.product, b.status, b.eventType, b.attrs, b.amount, b.line].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Messages from the parse thread, in file order. */
export type ParserMessage =
  | { type: 'file-begin'; file: number; hash: string | null }
  | { type: 'unchanged'; file: number; hash: string }
  | { type: 'batch'; file: number; batch: RowBatch; rowsRead: number; rejected: number }
  | {
      type: 'file-end';
      file: number;
      hash: string;
      rowsRead: number;
      rejected: Partial<Record<RejectReason, number>>;
    }
  | { type: 'file-error'; file: number; hash: string | null; code: 'missing_columns' | 'not_csv' | 'unreadable'; message: string }
  | { type: 'done' }
  | { type: 'fatal'; message: string };

/** Messages to the parse thread. */
export type ParserCommand =
  | {
      type: 'start';
      files: { path: string; size: number }[];
      /** Sizes and hashes of the files already in the database, to recognise unchanged content quickly. */
      knownSizes: number[];
      knownHashes: string[];
      batchRows: number;
      maxLoggedRows: number;
      /** This thread parses files first, first + stride, first + 2 * stride, ... of the list. */
      first: number;
      stride: number;
    }
  /** The writer is done with a batch and hands its arrays back for reuse, so memory stays a few batches. */
  | { type: 'ack'; batch: RowBatch };

/** Murmur3-style mixing of the four id words from a seed, so non-random ids spread too. */
function mixWords(seed: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ seed, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ d, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** A 32-bit hash of an event id's four words: it chooses the id's home slot in the dedup index. */
export function hashId(w0: number, w1: number, w2: number, w3: number): number {
  return mixWords(0x9e3779b9, w0, w1, w2, w3);
}

/** A second hash of the id, independent of hashId (other seed, words the other way round): the dedup index's tags. */
export function tagHash(w0: number, w1: number, w2: number, w3: number): number {
  return mixWords(0x7f4a7c15, w3, w2, w1, w0);
}
