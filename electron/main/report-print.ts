// The Electron-free half of the PDF report: which route to print, how to print it, and how to wait
// until the report view says it has drawn everything (charts included) before printing.
import type { ApiRequest } from '../../shared/api.js';
import { AppError } from '../../shared/api.js';
import { reportHash } from '../../shared/report-hash.js';
import { APP_ENTRY_URL } from './security.js';

export type PageSize = ApiRequest<'exportReport'>['page_size'];

/** The renderer's print-styled report view, under the dashboard's filter and comparison when given (shared/report-hash.ts). */
export function reportUrl(pageSize: PageSize, view: Omit<ApiRequest<'exportReport'>, 'page_size'> = {}): string {
  return `${APP_ENTRY_URL}${reportHash(pageSize, view.filter, view.compare, false)}`;
}

/**
 * Contract with the report view (renderer/src/report/ReportView.tsx): once every section, chart and
 * table has drawn, <body> gets data-report-ready="true", or data-report-ready="error" with the reason
 * shown in a role="alert" element. Evaluated in the page's main world; returns plain data.
 */
export const READY_PROBE = `(() => {
  const marked = document.querySelector('[data-report-ready]');
  const state = marked ? marked.getAttribute('data-report-ready') : null;
  if (state === 'error') {
    const alert = document.querySelector('[role="alert"]');
    return { state: 'error', message: alert ? alert.textContent.trim() : '' };
  }
  return { state: state === 'true' && document.readyState === 'complete' ? 'ready' : 'waiting' };
})()`;

export interface ProbeResult {
  state: 'ready' | 'waiting' | 'error';
  message?: string;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Polls the page until it reports ready; throws an AppError on a reported error or a timeout. */
export async function waitForReportReady(probe: () => Promise<unknown>, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const intervalMs = options.intervalMs ?? 100;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  for (;;) {
    const result = (await probe()) as ProbeResult | null | undefined;
    if (result?.state === 'ready') return;
    if (result?.state === 'error') {
      throw new AppError({
        code: 'internal',
        message: `The report could not be drawn: ${result.message || 'unknown reason'}. Check the dashboard shows data, then try again.`,
      });
    }
    if (now() >= deadline) {
      throw new AppError({
        code: 'internal',
        message: `The report view did not finish drawing within ${Math.round(timeoutMs / 1000)} seconds. Try again; with a very large database it may help to close other windows first.`,
      });
    }
    await sleep(intervalMs);
  }
}

const FOOTER = `<div style="width:100%;font-size:8px;font-family:sans-serif;color:#555;text-align:center;">
Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;

/** printToPDF options: the chosen paper, backgrounds kept (chart colours), page numbers in the footer. */
export function pdfOptions(pageSize: PageSize) {
  return {
    pageSize,
    printBackground: true,
    landscape: false,
    displayHeaderFooter: true,
    // An empty header: Chromium's default one would print the app:// URL and a date.
    headerTemplate: '<div></div>',
    footerTemplate: FOOTER,
    margins: { top: 0.5, bottom: 0.6, left: 0.5, right: 0.5 },
    preferCSSPageSize: false,
    generateDocumentOutline: true,
  };
}
