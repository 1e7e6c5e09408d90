// Compares Parquet writers on the export's columns, one library per process:
//   node bench/parquet-libs.mjs LIB ROWS OUTFILE   (LIB: none | hyparquet-writer | parquet-wasm | parquetjs)
// Rows are synthesised 100k at a time (as the export hands them over) with the cardinalities of a
// generated year, so only the writer's own memory adds to a flat base. Prints one JSON line.
// The libraries other than the chosen one are not dependencies: install them beside this file to rerun.
// Its parquet-wasm branch builds Arrow vectors from per-row strings, which the export does not (it fills
// typed arrays, electron/engine/export/arrow-batch.ts): the export itself decided (docs/performance-log.md).
import fs from 'node:fs';
import { createRequire } from 'node:module';

const [lib, rowsArg, out] = process.argv.slice(2);
const ROWS = Number(rowsArg);
const GROUP = 100_000;
const require = createRequire(process.env.LIBS ? `${process.env.LIBS}/` : import.meta.url);
const PRODUCTS = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS', 'MONIEBOOK', 'KYC'];
const STATUSES = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED', 'PENDING'];
const REGIONS = ['LAGOS', 'ABUJA', 'KANO', 'PORT_HARCOURT', 'IBADAN', 'ENUGU'];
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
const hex = (n) => Math.floor(rand() * 16 ** n).toString(16).padStart(n, '0');

function chunk(start, n) {
  const c = { event_id: [], merchant_id: [], event_timestamp: [], event_date: [], product: [], event_type: [], amount: [], status: [], channel: [], region: [], merchant_tier: [], source_file: [], source_line: [] };
  for (let i = 0; i < n; i++) {
    const day = 19723 + Math.floor((start + i) / 27000);
    const ms = day * 86400000 + Math.floor(rand() * 86400000);
    c.event_id.push(`${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)}`);
    c.merchant_id.push(`MRC-${String(Math.floor(rand() * 10000)).padStart(6, '0')}`);
    c.event_timestamp.push(new Date(ms).toISOString().slice(0, 19));
    c.event_date.push(day);
    c.product.push(PRODUCTS[Math.floor(rand() * 7)]);
    c.event_type.push('PAYMENT');
    c.amount.push(BigInt(Math.floor(rand() * 50_000_000)));
    c.status.push(STATUSES[Math.floor(rand() * 5)]);
    c.channel.push(rand() < 0.5 ? 'APP' : 'USSD');
    c.region.push(REGIONS[Math.floor(rand() * 6)]);
    c.merchant_tier.push(rand() < 0.5 ? 'STARTER' : 'GOLD');
    c.source_file.push(`/data/activities_2024${String(1 + (day % 12)).padStart(2, '0')}01.csv`);
    c.source_line.push(2 + ((start + i) % 27000));
  }
  return c;
}

const STR = ['event_id', 'merchant_id', 'event_timestamp', 'product', 'event_type', 'status', 'channel', 'region', 'merchant_tier', 'source_file'];
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
const timer = setInterval(sample, 20);
const t0 = performance.now();

if (lib === 'none') {
  // The synthesis alone: the base every library's figures include.
  for (let s = 0; s < ROWS; s += GROUP) chunk(s, Math.min(GROUP, ROWS - s));
  fs.writeFileSync(out, '');
} else if (lib === 'hyparquet-writer') {
  const { ParquetWriter } = await import(require.resolve('hyparquet-writer'));
  const { fileWriter } = await import(require.resolve('hyparquet-writer').replace(/index\.js$/, 'node.js'));
  const schema = [
    { name: 'root', num_children: 13 },
    ...['event_id', 'merchant_id', 'event_timestamp'].map((name) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' })),
    { name: 'event_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    ...['product', 'event_type'].map((name) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' })),
    { name: 'amount', type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18, repetition_type: 'OPTIONAL' },
    ...['status', 'channel', 'region', 'merchant_tier', 'source_file'].map((name) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' })),
    { name: 'source_line', type: 'INT32', repetition_type: 'OPTIONAL' },
  ];
  const w = new ParquetWriter({ writer: fileWriter(out), schema });
  for (let s = 0; s < ROWS; s += GROUP) {
    const c = chunk(s, Math.min(GROUP, ROWS - s));
    w.write({ columnData: schema.slice(1).map((e) => ({ name: e.name, data: c[e.name] })), rowGroupSize: GROUP });
    sample();
  }
  w.finish();
} else if (lib === 'parquet-wasm') {
  const arrow = await import(require.resolve('apache-arrow'));
  const pw = require('parquet-wasm');
  const { Table: WTable, writeParquet, WriterPropertiesBuilder, Compression } = pw;
  const fd = fs.openSync(out, 'w');
  // parquet-wasm writes a whole table per call: one file per 100k rows is its streaming unit here.
  let part = 0;
  for (let s = 0; s < ROWS; s += GROUP) {
    const c = chunk(s, Math.min(GROUP, ROWS - s));
    const cols = {};
    for (const k of STR) cols[k] = arrow.vectorFromArray(c[k], new arrow.Utf8());
    cols.event_date = arrow.vectorFromArray(c.event_date, new arrow.DateDay());
    cols.source_line = arrow.vectorFromArray(c.source_line, new arrow.Int32());
    const words = new Uint32Array(c.amount.length * 4);
    c.amount.forEach((v, i) => { words[i * 4] = Number(v & 0xffffffffn); words[i * 4 + 1] = Number(v >> 32n); });
    cols.amount = arrow.makeVector(arrow.makeData({ type: new arrow.Decimal(2, 18, 128), length: c.amount.length, data: words }));
    const table = new arrow.Table(cols);
    const ipc = arrow.tableToIPC(table, 'stream');
    const props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).build();
    const bytes = writeParquet(WTable.fromIPCStream(ipc), props);
    fs.writeSync(fd, bytes);
    part++;
    sample();
  }
  fs.closeSync(fd);
} else if (lib === 'parquetjs') {
  const pq = require('@dsnp/parquetjs');
  const schema = new pq.ParquetSchema({
    ...Object.fromEntries(STR.map((k) => [k, { type: 'UTF8', optional: true }])),
    event_date: { type: 'DATE', optional: true },
    amount: { type: 'DECIMAL', precision: 18, scale: 2, optional: true },
    source_line: { type: 'INT32', optional: true },
  });
  const w = await pq.ParquetWriter.openFile(schema, out, { rowGroupSize: GROUP });
  for (let s = 0; s < ROWS; s += GROUP) {
    const c = chunk(s, Math.min(GROUP, ROWS - s));
    for (let i = 0; i < c.event_id.length; i++) {
      const row = {};
      for (const k of STR) row[k] = c[k][i];
      row.event_date = new Date(c.event_date[i] * 86400000);
      row.amount = Number(c.amount[i]) / 100;
      row.source_line = c.source_line[i];
      await w.appendRow(row);
    }
    sample();
  }
  await w.close();
}
clearInterval(timer);
sample();
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ lib, rows: ROWS, seconds: Math.round(seconds * 10) / 10, peak_rss_mb: Math.round(peak / 1048576), bytes: fs.statSync(out).size }));
