// Times a few filtered metrics as plain SQL over the stored events (no filter summaries exist yet):
// node bench/anchors/filter-queries.js DB   (a database of the generated 2024 year)
const Database = require('better-sqlite3');
const db = new Database(process.argv[2], { readonly: true });
const q1a = Date.UTC(2024, 0, 1), q1b = Date.UTC(2024, 3, 1);
const lagos = db.prepare("SELECT id FROM labels WHERE kind='region' AND text='LAGOS'").pluck().get();
const premium = db.prepare("SELECT id FROM labels WHERE kind='tier' AND text='PREMIUM'").pluck().get();
const range = db.prepare("SELECT min(first_seq), max(last_seq) FROM sources WHERE file_date >= '2024-01-01' AND file_date < '2024-04-01'").raw().get();
const time = (name, fn) => { fn(); const t = process.hrtime.bigint(); const r = fn(); console.log(name, (Number(process.hrtime.bigint() - t) / 1e6).toFixed(0), 'ms', JSON.stringify(r).slice(0, 80)); };
time('top10 LAGOS Q1, scan by ts', () => db.prepare('SELECT e.merchant, sum(e.amount) v FROM events e JOIN attr_sets a ON a.id = e.attrs WHERE a.region = ? AND e.status = 0 AND e.ts >= ? AND e.ts < ? GROUP BY e.merchant ORDER BY v DESC LIMIT 10').all(lagos, q1a, q1b));
time('top10 LAGOS Q1, seq range of Q1 files', () => db.prepare('SELECT e.merchant, sum(e.amount) v FROM events e JOIN attr_sets a ON a.id = e.attrs WHERE e.seq BETWEEN ? AND ? AND a.region = ? AND e.status = 0 AND e.ts >= ? AND e.ts < ? GROUP BY e.merchant ORDER BY v DESC LIMIT 10').all(range[0], range[1], lagos, q1a, q1b));
time('active PREMIUM merchants Q1, seq range', () => db.prepare('SELECT count(DISTINCT e.merchant) FROM events e JOIN attr_sets a ON a.id = e.attrs WHERE e.seq BETWEEN ? AND ? AND a.tier = ? AND e.status = 0').pluck().get(range[0], range[1], premium));
time('failure rates LAGOS whole year, scan', () => db.prepare('SELECT e.product, e.status, count(*) FROM events e JOIN attr_sets a ON a.id = e.attrs WHERE a.region = ? GROUP BY 1, 2').all(lagos));
console.log('attr_sets rows', db.prepare('SELECT count(*) FROM attr_sets').pluck().get(), 'Q1 seq range', range);
