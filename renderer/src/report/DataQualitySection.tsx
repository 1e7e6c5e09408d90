// The report's data-quality section: days inside the period without data, rows rejected and rows kept
// with a warning (with their reasons, from the files of the period), events without a valid date, and
// the files and folders the numbers come from.
import type { Coverage } from '../../../shared/metrics';
import type { DataQuality } from '../../../shared/importing';
import { dayNumber, dayString } from '../../../shared/filter';
import { formatCount, formatReason, plural } from '../../../shared/format';

const MAX_RANGES = 40;

/** Consecutive days as one range: "2024-01-10, 2024-02-05 to 2024-02-07". */
export function dayRanges(days: string[]): string[] {
  const out: string[] = [];
  let start: number | null = null;
  let prev = 0;
  const close = () => start !== null && out.push(start === prev ? dayString(start) : `${dayString(start)} to ${dayString(prev)}`);
  for (const d of days) {
    const n = dayNumber(d);
    if (n === null) continue;
    if (start !== null && n === prev + 1) prev = n;
    else {
      close();
      start = prev = n;
    }
  }
  close();
  return out;
}

const byCount = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/** The reasons, over every row of the period's files (a file's rows are not split by region or channel). */
function Reasons({ quality: q }: { quality: DataQuality }) {
  const items = [
    ...byCount(q.rejected_by_reason).map(([reason, n]) => `Rejected, ${formatReason(reason).toLowerCase()}: ${formatCount(n)}`),
    ...byCount(q.warnings_by_reason).map(([reason, n]) => `Kept with a warning, ${formatReason(reason).toLowerCase()}: ${formatCount(n)}`),
  ];
  if (!items.length) return null;
  return (
    <>
      <p>By reason, in all rows of the period's files:</p>
      <ul className="report-reasons" data-testid="report-quality-reasons">
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </>
  );
}

export function DataQualitySection({ coverage: c, quality: q, compare }: { coverage: Coverage; quality: DataQuality; compare?: Coverage }) {
  const empty = c.days_without_data ?? [];
  const ranges = dayRanges(empty);
  return (
    <section className="report-section report-quality" data-testid="report-quality">
      <h2>Data quality</h2>
      <p data-testid="report-quality-days">
        Days without data: {formatCount(empty.length)}
        {ranges.length > 0 && ` (${ranges.slice(0, MAX_RANGES).join(', ')}${ranges.length > MAX_RANGES ? ` and ${ranges.length - MAX_RANGES} more ranges` : ''})`}.
      </p>
      <p data-testid="report-quality-rejected">Rows rejected: {formatCount(c.rejected_rows)}.</p>
      <p data-testid="report-quality-warnings">Rows kept with a warning: {formatCount(c.warnings ?? 0)}.</p>
      <Reasons quality={q} />
      {(c.undated_events ?? 0) > 0 && <p>Events without a valid date (left out of every dated number): {formatCount(c.undated_events!)}.</p>}
      {compare && (
        <p data-testid="report-quality-compare">
          Comparison period: {plural(compare.days_without_data?.length ?? 0, 'day')} without data, {plural(compare.rejected_rows, 'row')} rejected, {plural(compare.warnings ?? 0, 'row')} kept with a warning.
        </p>
      )}
      <p className="report-definition">
        From {plural(q.files.length, 'file')} in {q.folders.length === 1 ? q.folders[0] : plural(q.folders.length, 'folder')}.
      </p>
    </section>
  );
}
