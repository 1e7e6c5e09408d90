// A fake engine for the drill and profile component tests: getEvents answers any page of `total` made-up
// events (in the asked order), searchMerchants and getMerchant answer from given data, saveFile keeps
// the file, saved views live in `views`. Every call is recorded, so a test can check the exact request the window sent.
import type { AnalyticsApi, ApiName, ApiResult } from '../../../shared/api';
import type { EventRow, EventsRequest, MerchantResponse, SearchMerchantsResponse } from '../../../shared/exploring';
import { setHost } from '../../../renderer/src/api/host';
import type { SavedView } from '../../../shared/views';

export interface FakeData {
  /** Events behind every getEvents request. */
  total: number;
  search?: SearchMerchantsResponse;
  merchant?: MerchantResponse;
  /** Saved views: listViews answers them; saveView and deleteView change them. */
  views?: SavedView[];
}

export interface FakeCall {
  name: ApiName;
  request: unknown;
}

export function fakeRow(k: number, sort: string): EventRow {
  // The first row's merchant looks like a formula, to check the export neutralises it.
  return {
    event_id: `E-${sort}-${k}`,
    merchant_id: k === 0 ? '=HYPERLINK("x")' : `MRC-${String(k % 7).padStart(3, '0')}`,
    event_timestamp: `2024-01-${String((k % 28) + 1).padStart(2, '0')}T10:00:00.000`,
    product: 'POS',
    event_type: 'PAYMENT',
    amount: k + 0.5,
    status: 'SUCCESS',
    channel: 'APP',
    region: 'LAGOS',
    merchant_tier: 'STARTER',
    source_file: '/data/activities_20240101.csv',
    source_line: k + 2,
  };
}

export function installFakeHost(data: FakeData, calls: FakeCall[]): void {
  const answer = (name: ApiName, request: unknown): ApiResult<unknown> => {
    calls.push({ name, request });
    if (name === 'getEvents') {
      const r = request as EventsRequest;
      const offset = r.offset ?? 0;
      const limit = r.limit ?? 100;
      const rows: EventRow[] = [];
      for (let k = offset; k < Math.min(data.total, offset + limit); k++) rows.push(fakeRow(k, r.sort ?? 'time'));
      return { ok: true, value: { total: data.total, merchants: Math.min(7, data.total), amount: (data.total * data.total) / 2, offset, limit, rows } };
    }
    if (name === 'searchMerchants') return { ok: true, value: data.search ?? { merchants: [] } };
    if (name === 'getMerchant') return data.merchant ? { ok: true, value: data.merchant } : { ok: false, error: { code: 'not_found', message: 'No such merchant.' } };
    if (name === 'listViews') return { ok: true, value: { views: data.views ?? [] } };
    if (name === 'saveView') {
      const r = request as Pick<SavedView, 'name' | 'state' | 'dates'> & { id?: number };
      const views = (data.views ??= []);
      const saved: SavedView = { id: r.id ?? views.length + 100, name: r.name, state: r.state, dates: r.dates, position: views.length, created_at: '', updated_at: '' };
      data.views = r.id === undefined ? [...views, saved] : views.map((v) => (v.id === r.id ? saved : v));
      return { ok: true, value: saved };
    }
    if (name === 'deleteView') {
      data.views = (data.views ?? []).filter((v) => v.id !== (request as { id: number }).id);
      return { ok: true, value: { views: data.views } };
    }
    if (name === 'listWatchedFolders') return { ok: true, value: { folders: [] } };
    if (name === 'saveFile') return { ok: true, value: { path: (request as { filename: string }).filename } };
    if (name === 'saveFile' || name === 'saveBinaryFile') return { ok: true, value: { path: (request as { filename: string }).filename } };
    if (name === 'getEventsXlsx') return { ok: true, value: { filename: 'events.xlsx', base64: 'UEsDBA==', rows: data.total, total: data.total } };
    return { ok: false, error: { code: 'unsupported', message: `${name} is not faked` } };
  };
  const api = new Proxy({} as AnalyticsApi, {
    get: (_t, name: string) => (request: unknown) => Promise.resolve(answer(name as ApiName, request)),
  });
  setHost({ mode: 'browser', api, resolveDrop: async () => ({ paths: [], noCsv: true, skipped: 0 }), onUploadProgress: () => () => {}, chooseLabel: 'Choose…' });
}
