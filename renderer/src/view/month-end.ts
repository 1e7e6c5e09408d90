import { dayNumber, dayString } from '../../../shared/filter';

/** Last day of a YYYY-MM. */
export function monthEnd(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return dayString(dayNumber(m === 12 ? `${y + 1}-01-01` : `${ym.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`)! - 1);
}
