// Pure formatting shared by the window, the report and anything else that shows numbers to an analyst.
// One place so the dashboard, the PDF and the CSV-on-screen never disagree about how a number looks.

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Naira to the kobo: 151233885.45 -> "₦151,233,885.45". */
export function formatNaira(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value < 0 ? '−' : '';
  return `${sign}₦${money.format(Math.abs(value))}`;
}

/** A count with thousands separators: 9776 -> "9,776". */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return count.format(value);
}

/** A percentage already in percent units, one decimal: 5.3 -> "5.3%". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${oneDecimal.format(value)}%`;
}

/**
 * part / whole of two counts as a percentage, rounded half-up to one decimal in integer arithmetic (the
 * same rule as the failure rates), so 1/8 = 12.5% and 11/80 = 13.8% never drift through binary fractions.
 */
export function ratioPercent(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}

/** part / whole as a percentage with one decimal; "—" when the whole is zero. */
export function formatRatio(part: number, whole: number): string {
  return formatPercent(ratioPercent(part, whole));
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 KB"; powers of 1024, one decimal above bytes. */
export function formatBytes(value: number): string {
  if (!Number.isFinite(value) || value < 0) return '—';
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return unit === 0 ? `${v} B` : `${oneDecimal.format(v)} ${BYTE_UNITS[unit]}`;
}

/** Seconds left as a person would say it: "45 s", "3 min 05 s", "1 h 02 min"; null -> "estimating…". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return 'estimating…';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-01" -> "Jan 2024"; anything else is returned as written. */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  const idx = Number(m[2]) - 1;
  return idx >= 0 && idx < 12 ? `${MONTHS[idx]} ${m[1]}` : ym;
}

/** "2024-01-05" -> "5 Jan 2024"; anything else is returned as written. */
export function formatDate(ymd: string | null | undefined): string {
  if (!ymd) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) return ymd;
  const idx = Number(m[2]) - 1;
  return idx >= 0 && idx < 12 ? `${Number(m[3])} ${MONTHS[idx]} ${m[1]}` : ymd;
}

/** An ISO instant ("2026-11-24T10:05:00Z") in local time, "24 Nov 2026, 10:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${hh}:${mm}`;
}

/** "1 file" / "3 files". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Reason codes as words: "missing_merchant_id" -> "Missing merchant id". */
export function formatReason(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The last part of a path, for both / and \ separators. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}
