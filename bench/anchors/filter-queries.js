// Times a few filtered metrics with no filter summaries (none exist yet): the blocks of the filtered
// files' seq range are read and decoded in JS, which is the fallback any filter has.
// node bench/anchors/filter-queries.js DB   (a database of the generated 2024 year)
const Database = require('better-sqlite3');
const db = new Database(process.argv[2], { readonly: true });
const q1a = Date.UTC(2024, 0, 1), q1b = Date.UTC(2024, 3, 1);
const label = (kind, text) => db.prepare('SELECT id FROM labels WHERE kind = ? AND text = ?').pluck().get(kind, text);
const lagos = label('region', 'LAGOS');
const premium = label('tier', 'PREMIUM');
const attrs = db.prepare('SELECT id, channel, region, tier FROM attr_sets').all();
const attrWhere = (f) => { const ok = new Uint8Array(Math.max(...attrs.map((a) => a.id)) + 1); for (const a of attrs) if (f(a)) ok[a.id] = 1; return ok; };
const range = db.prepare("SELECT min(first_seq), max(last_seq) FROM sources WHERE file_date >= '2024-01-01' AND file_date < '2024-04-01'").raw().get();
const all = db.prepare('SELECT min(first_seq), max(last_seq) FROM sources').raw().get();
const blocks = db.prepare('SELECT n, merchant, kind, attrs, ts, amount FROM event_blocks WHERE first_seq BETWEEN ? AND ?').raw();
const dv = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const i64 = (v, at) => v.getInt32(at) * 4294967296 + v.getUint32(at + 4); // NULL (-2^63) never passes the filters below
function scan([lo, hi], each) {
  for (const [n, m, k, a, t, amt] of blocks.iterate(lo, hi)) {
    const mv = dv(m), kv = dv(k), av = dv(a), tv = dv(t), amv = dv(amt);
    for (let i = 0; i < n; i++) each(mv.getInt32(i * 4), kv.getInt32(i * 4), av.getInt32(i * 4), tv, amv, i);
  }
}
const time = (name, fn) => { fn(); const t = process.hrtime.bigint(); const r = fn(); console.log(name, (Number(process.hrtime.bigint() - t) / 1e6).toFixed(0), 'ms', JSON.stringify(r).slice(0, 80)); };
const top10 = (vol) => [...vol.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
time('top10 LAGOS Q1, blocks of the Q1 files', () => {
  const ok = attrWhere((a) => a.region === lagos), vol = new Map();
  scan(range, (m, kind, a, tv, amv, i) => {
    if (!ok[a] || kind % 4 !== 0) return;
    const ts = i64(tv, i * 8);
    if (ts < q1a || ts >= q1b) return;
    const amount = i64(amv, i * 8);
    if (amount >= 0) vol.set(m, (vol.get(m) ?? 0) + amount);
  });
  return top10(vol);
});
time('active PREMIUM merchants Q1, blocks of the Q1 files', () => {
  const ok = attrWhere((a) => a.tier === premium), seen = new Set();
  scan(range, (m, kind, a) => { if (ok[a] && kind % 4 === 0) seen.add(m); });
  return seen.size;
});
time('failure rates LAGOS whole year, every block', () => {
  const ok = attrWhere((a) => a.region === lagos), n = new Array(32).fill(0);
  scan(all, (m, kind, a) => { if (ok[a]) n[kind % 32]++; });
  return n;
});
console.log('attr_sets rows', attrs.length, 'Q1 seq range', range);
