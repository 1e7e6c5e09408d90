// Prints the report view to PDF: a hidden window with the same security as the main one loads the
// renderer's report route, waits for it to say every section has drawn, and prints it.
import { BrowserWindow } from 'electron';
import { pdfOptions, READY_PROBE, reportUrl, waitForReportReady } from './report-print.js';
import type { ApiRequest } from '../../shared/api.js';
import { secureWebPreferences } from './security.js';

export interface ReportPdfOptions {
  preloadPath: string;
  devTools: boolean;
}

export async function renderReportPdf(request: ApiRequest<'exportReport'>, options: ReportPdfOptions): Promise<Uint8Array> {
  const { page_size: pageSize, ...view } = request;
  const win = new BrowserWindow({
    show: false,
    // Roughly the printable width of A4/Letter at 96 dpi, so charts are laid out for paper.
    width: 1000,
    height: 1400,
    webPreferences: secureWebPreferences({
      preloadPath: options.preloadPath,
      devTools: options.devTools,
      // A hidden window is throttled by default and would never finish drawing its charts.
      backgroundThrottling: false,
    }),
  });
  try {
    await win.loadURL(reportUrl(pageSize, view));
    await waitForReportReady(() => win.webContents.executeJavaScript(READY_PROBE, true));
    const pdf = await win.webContents.printToPDF(pdfOptions(pageSize));
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    win.destroy();
  }
}
