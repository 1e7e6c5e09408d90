// Days named the way a person writes them: "5, 10, 18, 24, 31 Jan", grouped by month, with the year
// only when the days span more than one, and runs of three or more as "19–29". Pure.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Three or more days in a row read as a span, "19–29", so a month's missing tail stays short. */
function runs(days: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    if (j - i >= 2) out.push(`${days[i]}–${days[j]}`);
    else for (let k = i; k <= j; k++) out.push(String(days[k]));
    i = j + 1;
  }
  return out;
}

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
  const text = groups.map((g) => `${runs(g.days).join(', ')} ${g.label}`).join('; ');
  return sorted.length > max ? `${text} and ${sorted.length - max} more` : text;
}

/** "5 days have no data: 5, 10, 18, 24, 31 Jan"; "1 day has no data: 3 Jan"; null when none. */
export function daysWithoutDataText(days: string[] | undefined): string | null {
  if (!days?.length) return null;
  return `${days.length} ${days.length === 1 ? 'day has' : 'days have'} no data: ${formatDayList(days)}`;
}
