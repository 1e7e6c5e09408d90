// Days named the way a person writes them: "5, 10, 18, 24, 31 Jan", grouped by month, with the year
// only when the days span more than one. Pure, for the coverage line and the report.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDayList(days: string[], max = 31): string {
  const sorted = [...days].sort();
  const shown = sorted.slice(0, max);
  const years = new Set(sorted.map((d) => d.slice(0, 4)));
  const groups: { key: string; label: string; days: number[] }[] = [];
  for (const d of shown) {
    const key = d.slice(0, 7);
    const label = `${MONTHS[Number(d.slice(5, 7)) - 1]}${years.size > 1 ? ` ${d.slice(0, 4)}` : ''}`;
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.days.push(Number(d.slice(8, 10)));
    else groups.push({ key, label, days: [Number(d.slice(8, 10))] });
  }
  const text = groups.map((g) => `${g.days.join(', ')} ${g.label}`).join('; ');
  return sorted.length > max ? `${text} and ${sorted.length - max} more` : text;
}

/** "5 days have no data: 5, 10, 18, 24, 31 Jan"; "1 day has no data: 3 Jan"; null when none. */
export function daysWithoutDataText(days: string[] | undefined): string | null {
  if (!days?.length) return null;
  return `${days.length} ${days.length === 1 ? 'day has' : 'days have'} no data: ${formatDayList(days)}`;
}
