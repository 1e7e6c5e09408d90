// The report's route, #/report?page=A4|Letter[&print=1] followed by the dashboard's view parameters
// (the same names as the dashboard's URL), so the printed report shows the view on screen.
import type { CompareSpec, MetricFilter } from '../../../shared/filter';
import { parseViewHash, serializeView, type ViewState } from '../../../shared/url-state';

import { parseCompare, parseFilter } from '../../../shared/filter';

export interface ReportParams {
  page: 'A4' | 'Letter';
  print: boolean;
  view: ViewState;
}

export function parseReportHash(hash: string): ReportParams | null {
  const m = /^#\/report(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[1] ?? '');
  const rest = (m[1] ?? '').split('&').filter((p) => p && !/^(page|print|view)=/.test(p)).join('&');
  const json = q.get('view');
  return { page: q.get('page')?.toLowerCase() === 'letter' ? 'Letter' : 'A4', print: q.get('print') === '1', view: json ? viewOfJson(json) : parseViewHash(`#/?${rest}`).view };
}

/**
 * The desktop shell, which has no renderer code to write the view parameters, sends the request's own
 * filter and comparison as `view=<JSON>` (electron/main/report-print.ts reportUrl): what the shared
 * checks accept of it (an unreadable one is no filter).
 */
function viewOfJson(json: string): ViewState {
  let raw: { filter?: unknown; compare?: unknown };
  try {
    raw = JSON.parse(json) as typeof raw;
  } catch {
    return { filter: {} };
  }
  const filter = parseFilter(raw?.filter);
  if (typeof filter === 'string') return { filter: {} };
  const compare = parseCompare(raw.compare, filter);
  return 'compare' in compare && (compare.compare === 'previous' || compare.compare === 'year') ? { filter, compare: compare.compare } : { filter };
}

export function reportHash(page: 'A4' | 'Letter', filter: MetricFilter | undefined, compare: CompareSpec | undefined, print: boolean): string {
  const view = serializeView({ filter: filter ?? {}, compare: compare === 'previous' || compare === 'year' ? compare : undefined }).replace(/^#\/\??/, '');
  return `#/report?page=${page}${print ? '&print=1' : ''}${view ? `&${view}` : ''}`;
}
