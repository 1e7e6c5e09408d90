// The report's route, #/report?page=A4|Letter[&print=1] followed by the dashboard's view parameters
// (the same names as the dashboard's URL), so the printed report shows the view on screen.
// Shared: the window reads it, and the desktop shell and browser mode write it when they print.
import type { CompareSpec, MetricFilter } from './filter.js';
import { parseViewHash, viewQuery, type ViewState } from './url-state.js';

export interface ReportParams {
  page: 'A4' | 'Letter';
  print: boolean;
  view: ViewState;
}

export function parseReportHash(hash: string): ReportParams | null {
  const m = /^#\/report(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[1] ?? '');
  const rest = (m[1] ?? '').split('&').filter((p) => p && !/^(page|print)=/.test(p)).join('&');
  return { page: q.get('page')?.toLowerCase() === 'letter' ? 'Letter' : 'A4', print: q.get('print') === '1', view: parseViewHash(`#/?${rest}`).view };
}

export function reportHash(page: 'A4' | 'Letter', filter: MetricFilter | undefined, compare: CompareSpec | undefined, print: boolean): string {
  const view = viewQuery({ filter: filter ?? {}, compare: compare === 'previous' || compare === 'year' ? compare : undefined });
  return `#/report?page=${page}${print ? '&print=1' : ''}${view ? `&${view}` : ''}`;
}
