// The export's two per-event text columns (event_id, event_timestamp) written straight as UTF-8 bytes
// into a reusable slab. Building a JS string per value (20 concatenations for a UUID, Date.toISOString
// for a time) and letting the Parquet writer encode it again was most of the export's time, and the
// half-built strings most of its memory. The text is exactly what stream.ts gives the CSV export.
import { naiveIso } from '../explore/events.js';

const DAY_MS = 86_400_000;
const HEX = new TextEncoder().encode('0123456789abcdef');
export const UUID_BYTES = 36;
/** YYYY-MM-DDTHH:MM:SS.mmm; a year outside 0000-9999 is longer and goes through naiveIso. */
export const TIMESTAMP_BYTES = 23;

/** Writes the UUID of event i as lower-case hex with dashes at out[o..o+36). */
export function writeUuid(ids: Uint8Array, i: number, out: Uint8Array, o: number): void {
  let s = i * 16;
  for (let k = 0; k < 16; k++) {
    if (k === 4 || k === 6 || k === 8 || k === 10) out[o++] = 45;
    const b = ids[s++];
    out[o++] = HEX[b >> 4];
    out[o++] = HEX[b & 15];
  }
}

const two = (out: Uint8Array, o: number, v: number) => {
  out[o] = 48 + ((v / 10) | 0);
  out[o + 1] = 48 + (v % 10);
};

/** A day's "YYYY-MM-DD" as bytes, cached (a year has 365 of them). */
export class TimestampWriter {
  private readonly days = new Map<number, Uint8Array>();
  private readonly encoder = new TextEncoder();

  /** Writes naiveIso(ms) at out[o..); returns the byte count, or -1 when it does not fit the 23-byte form. */
  write(ms: number, out: Uint8Array, o: number): number {
    if (!Number.isInteger(ms)) return -1;
    const day = Math.floor(ms / DAY_MS);
    let date = this.days.get(day);
    if (date === undefined) {
      date = this.encoder.encode(naiveIso(day * DAY_MS)!.slice(0, 10));
      this.days.set(day, date);
    }
    if (date.length !== 10 || date[0] === 43 || date[0] === 45) return -1;
    out.set(date, o);
    let t = ms - day * DAY_MS;
    const milli = t % 1000;
    t = (t - milli) / 1000;
    out[o + 10] = 84; // T
    two(out, o + 11, (t / 3600) | 0);
    out[o + 13] = 58;
    two(out, o + 14, ((t / 60) | 0) % 60);
    out[o + 16] = 58;
    two(out, o + 17, t % 60);
    if (milli === 0) return 19;
    out[o + 19] = 46;
    out[o + 20] = 48 + ((milli / 100) | 0);
    two(out, o + 21, milli % 100);
    return 23;
  }
}
