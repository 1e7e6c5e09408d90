// Field rules of the import policy. These run for every row of a year of data on the parse thread, so
// they avoid regular expressions and allocation on the common path; each returns a sentinel for "invalid".

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

/**
 * Decodes a canonical 8-4-4-4-12 UUID (any case) into four 32-bit words at out[at..at+3].
 * Returns false when the text is not a UUID. Case-insensitive by construction: the words are the id.
 */
export function decodeUuid(s: string, out: Uint32Array, at: number): boolean {
  if (s.length !== 36) return false;
  let word = 0;
  let nibbles = 0;
  let w = at;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
      continue;
    }
    const v = c < 128 ? HEX[c] : -1;
    if (v < 0) return false;
    word = (word << 4) | v;
    if (++nibbles === 8) {
      out[w++] = word >>> 0;
      word = 0;
      nibbles = 0;
    }
  }
  return true;
}

/** The canonical lower-case text of a UUID stored as four words. */
export function formatUuid(words: ArrayLike<number>, at = 0): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += (words[at + i] >>> 0).toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A parsed timestamp: naive milliseconds since 1970 as written (no time-zone conversion), month and day keys. */
export interface ParsedTimestamp {
  ms: number;
  /** YYYYMM, e.g. 202401 */
  month: number;
  /** YYYYMMDD, e.g. 20240131 */
  day: number;
}

let lastDay = -1;
let lastDayMs = 0;

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * ISO-8601 date or date-time: YYYY-MM-DD, optionally followed by T or a space and HH:MM:SS, an optional
 * fraction, and an optional Z or offset (+HH:MM, +HHMM, +HH). The date must exist. Returns null when invalid.
 * The offset is validated but not applied: timestamps are taken as written.
 */
export function parseTimestamp(s: string, out: ParsedTimestamp): boolean {
  const n = s.length;
  if (n < 10) return false;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  if (d > daysInMonth(y, mo)) return false;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  if (n > 10) {
    const sep = s.charCodeAt(10);
    // The rule names T (or a space) and Z: lower-case t and z are not accepted.
    if ((sep !== 84 && sep !== 32) || n < 19) return false;
    h = digits(s, 11, 2);
    mi = digits(s, 14, 2);
    sec = digits(s, 17, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return false;
    if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
    let i = 19;
    if (i < n && s.charCodeAt(i) === 46) {
      // Milliseconds are the first three decimals (truncated, as floor of the fraction would give).
      const start = ++i;
      let scale = 100;
      while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
        ms += (s.charCodeAt(i) - 48) * scale;
        scale = scale >= 10 ? scale / 10 : 0;
        i++;
      }
      if (i === start) return false;
    }
    if (i < n) {
      const z = s.charCodeAt(i);
      if (z === 90) {
        if (i + 1 !== n) return false;
      } else if (z === 43 || z === 45) {
        const rest = n - i - 1;
        const oh = digits(s, i + 1, 2);
        let om = 0;
        if (rest === 2) om = 0;
        else if (rest === 4) om = digits(s, i + 3, 2);
        else if (rest === 5 && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2);
        else return false;
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
      } else return false;
    }
  }
  const day = (y * 100 + mo) * 100 + d;
  if (day !== lastDay) {
    // Rows of a daily export share their date: compute its midnight once.
    lastDayMs = Date.UTC(y, mo - 1, d);
    // Date.UTC maps years 0-99 to 1900-1999; set the full year explicitly for those.
    if (y < 100) lastDayMs = new Date(lastDayMs).setUTCFullYear(y);
    lastDay = day;
  }
  out.ms = lastDayMs + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
  out.month = y * 100 + mo;
  out.day = day;
  return true;
}

/** The largest amount that is still an exact whole number of kobo in a double (about ₦90 trillion). */
export const MAX_KOBO = Number.MAX_SAFE_INTEGER;

/**
 * A plain non-negative decimal number (optional +, digits, optional fraction, optional exponent) as
 * integer kobo, rounded half-up at the third decimal. Works on the digits, never on binary floating point.
 * Returns NaN when invalid (empty, not a number, negative, not finite or too large).
 */
export function parseAmountKobo(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  // Fast path for the usual shapes, exact integer arithmetic and no strings: up to 13 whole digits (so
  // v * 100 stays an exact integer), then optionally a point and any number of decimals, of which the
  // third decides the rounding (as in the general path below: later digits never matter). Writers that
  // print binary floating point (1751.7499999999998) stay on it too.
  let v = 0;
  let i = 0;
  let c = 0;
  while (i < n && i < 14 && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    v = v * 10 + (c - 48);
    i++;
  }
  if (i > 0 && i < 14) {
    if (i === n) return v * 100;
    if (c === 46) {
      let kobo = v * 100;
      let k = i + 1;
      for (; k < n; k++) {
        const d = s.charCodeAt(k) - 48;
        if (d < 0 || d > 9) break;
        const place = k - i;
        if (place === 1) kobo += d * 10;
        else if (place === 2) kobo += d;
        else if (place === 3 && d >= 5) kobo += 1;
      }
      if (k === n) return kobo;
    }
  }
  i = 0;
  if (s.charCodeAt(0) === 43) i = 1;
  let intStart = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  let intDigits = s.slice(intStart, i);
  let frac = '';
  if (i < n && s.charCodeAt(i) === 46) {
    const fs = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    frac = s.slice(fs, i);
  }
  if (intDigits.length === 0 && frac.length === 0) return NaN;
  let exp = 0;
  if (i < n && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
    i++;
    let sign = 1;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) {
      if (s.charCodeAt(i) === 45) sign = -1;
      i++;
    }
    const es = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === es || i - es > 6) return i === es ? NaN : sign < 0 ? 0 : NaN;
    exp = sign * Number(s.slice(es, i));
  }
  if (i !== n) return NaN;
  // Shift the decimal point by the exponent, then keep two decimals and round on the third digit.
  let digitsAll = intDigits + frac;
  let point = intDigits.length + exp;
  if (point < 0) {
    digitsAll = '0'.repeat(-point) + digitsAll;
    point = 0;
  }
  if (point > digitsAll.length) digitsAll += '0'.repeat(point - digitsAll.length);
  const whole = digitsAll.slice(0, point).replace(/^0+/, '');
  const cents = (digitsAll.slice(point, point + 2) + '00').slice(0, 2);
  const roundUp = digitsAll.length > point + 2 && digitsAll.charCodeAt(point + 2) >= 53;
  if (whole.length > 16) return NaN;
  const naira = Number(whole || '0');
  if (naira > Math.floor(MAX_KOBO / 100)) return NaN;
  const kobo = naira * 100 + Number(cents) + (roundUp ? 1 : 0);
  return kobo > MAX_KOBO ? NaN : kobo;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
