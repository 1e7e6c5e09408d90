// Merchant ids matching what the analyst types: ids starting with it first, then ids containing it,
// each group by successful volume over all data (highest first), then by id.
import type Database from 'better-sqlite3';
import type { SearchMerchantsResponse } from '../../../shared/exploring.js';
import type { EventIndex } from './event-index.js';

const DEFAULT_LIMIT = 20;

export function searchMerchants(db: Database.Database, index: EventIndex, query: string, limit = DEFAULT_LIMIT): SearchMerchantsResponse {
  const q = query.trim().toUpperCase();
  const names = index.labels.merchants;
  const hits: { m: number; prefix: boolean }[] = [];
  for (let m = 0; m < names.length; m++) {
    const at = names[m].toUpperCase().indexOf(q);
    if (names[m] !== '' && at >= 0) hits.push({ m, prefix: at === 0 });
  }
  const volume = new Map<number, number>();
  const st = db.prepare('SELECT kobo FROM s_volume WHERE merchant = ?').pluck();
  for (const h of hits.length > 5000 ? [] : hits) volume.set(h.m, (st.get(h.m) as number | undefined) ?? 0);
  if (hits.length > 5000) for (const [m, k] of db.prepare('SELECT merchant, kobo FROM s_volume').raw().iterate() as Iterable<[number, number]>) volume.set(m, k);
  hits.sort((a, b) => Number(b.prefix) - Number(a.prefix) || (volume.get(b.m) ?? 0) - (volume.get(a.m) ?? 0) || (names[a.m] < names[b.m] ? -1 : 1));
  return { merchants: hits.slice(0, limit).map((h) => ({ merchant_id: names[h.m], volume: (volume.get(h.m) ?? 0) / 100 })) };
}
