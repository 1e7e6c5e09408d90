// The import policy of issue 2, one line at a time, observed only through the engine's public
// surface: import summaries, the ledger, the rejected rows and the metrics.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLUMNS, csv, line, row, tempDir, uuid, writeCsv, writeFile } from '../helpers/csv.js';
import { metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { nonzero, recordFor } from '../helpers/ledger.js';

// Every policy test runs twice: with the default batches, and with batches of a few rows so that
// duplicates, rejections and commits also meet at batch and transaction boundaries.
const TUNINGS = [
  ['default batches', {}],
  ['tiny batches', { batchRows: 2 }],
] as const;

describe.each(TUNINGS)('import policy, %s', (_name, tuning) => {
  const open = () => openEngine(newDbPath(), { tuning });

  describe('which files are read', () => {
    it('takes files and folders mixed, searches folders recursively for .csv in any case, ignores and counts the rest', async () => {
      const dir = tempDir();
      const a = writeCsv(dir, 'in/a.csv', [row({ merchant_id: 'M-A' })]);
      const b = writeCsv(dir, 'in/sub/deeper/b.CSV', [row({ merchant_id: 'M-B' })]);
      const c = writeCsv(dir, 'in/sub/c.Csv', [row({ merchant_id: 'M-C' })]);
      const ignored = [
        writeFile(dir, 'in/notes.txt', 'not data\n'),
        writeFile(dir, 'in/sub/image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
        writeFile(dir, 'in/sub/deeper/README', csv([row()])),
        writeFile(dir, 'in/sub/data.csv.bak', csv([row()])),
      ];
      const loose = writeCsv(dir, 'loose/single.csv', [row({ merchant_id: 'M-D' })]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [path.join(dir, 'in'), loose] });

      expect(summary.status).toBe('done');
      expect(summary.files.imported).toBe(4);
      expect(summary.files.ignored).toBe(4);
      expect([...summary.ignored_paths].sort()).toEqual([...ignored].sort());
      expect(summary.file_records.map((r) => r.path).sort()).toEqual([a, b, c, loose].sort());
      expect(summary.accepted).toBe(4);
      const { metrics, coverage } = await metricsOf(engine);
      expect(coverage.events).toBe(4);
      expect(metrics.top_merchants.map((m) => m.merchant_id).sort()).toEqual(['M-A', 'M-B', 'M-C', 'M-D']);
    });

    it('processes files in sorted path order whatever the order given, so the first path keeps a duplicate', async () => {
      const dir = tempDir();
      const id = uuid();
      const a = writeCsv(dir, 'a.csv', [row({ event_id: id, merchant_id: 'M-1', amount: '100.00' })]);
      const b = writeCsv(dir, 'b.csv', [row({ event_id: id, merchant_id: 'M-1', amount: '200.00' })]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [b, a] });

      expect((await metricsOf(engine)).metrics.top_merchant).toEqual({ merchant_id: 'M-1', total_volume: 100 });
      expect(recordFor(summary, a)).toMatchObject({ accepted: 1, duplicates: 0 });
      expect(recordFor(summary, b)).toMatchObject({ accepted: 0, duplicates: 1 });
    });

    it('sorts by the whole path, so a file in sub-folder a/ comes before b.csv beside it', async () => {
      const dir = tempDir();
      const id = uuid();
      const nested = writeCsv(dir, 'a/z.csv', [row({ event_id: id, merchant_id: 'M-1', amount: '300.00' })]);
      const flat = writeCsv(dir, 'b.csv', [row({ event_id: id, merchant_id: 'M-1', amount: '400.00' })]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [dir] });

      expect((await metricsOf(engine)).metrics.top_merchant).toEqual({ merchant_id: 'M-1', total_volume: 300 });
      expect(recordFor(summary, nested).accepted).toBe(1);
      expect(recordFor(summary, flat).duplicates).toBe(1);
    });
  });

  describe('the header', () => {
    it('accepts the columns in any order, any case, with surrounding spaces, a UTF-8 BOM and extra columns', async () => {
      const dir = tempDir();
      const columns = ['status', 'amount', 'merchant_id', 'notes', 'event_id', 'event_timestamp', 'product', 'event_type', 'channel', 'region', 'merchant_tier'];
      const header = ' Status ,AMOUNT, merchant_id ,Notes,event_id,EVENT_TIMESTAMP,Product,event_type ,CHANNEL,  region,Merchant_Tier';
      const rows = [
        { ...row({ merchant_id: 'M-H1', amount: '10.50', event_timestamp: '2024-02-10T09:00:00' }), notes: 'first' },
        { ...row({ merchant_id: 'M-H2', amount: '20.25', event_timestamp: '2024-03-10T09:00:00', product: 'BILLS' }), notes: 'x' },
      ];
      const file = writeFile(dir, 'h.csv', csv(rows, { columns, header, bom: true }));

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
      expect(nonzero(summary.warnings_by_reason)).toEqual({});
      const { metrics } = await metricsOf(engine);
      expect(metrics.top_merchants).toEqual([
        { merchant_id: 'M-H2', total_volume: 20.25 },
        { merchant_id: 'M-H1', total_volume: 10.5 },
      ]);
      expect(metrics.monthly_active_merchants).toEqual({ '2024-02': 1, '2024-03': 1 });
      expect(metrics.product_adoption).toEqual({ BILLS: 1, POS: 1 });
    });

    it('reads a quoted header after a BOM', async () => {
      const dir = tempDir();
      const header = COLUMNS.map((c) => `" ${c.toUpperCase()} "`).join(',');
      const file = writeCsv(dir, 'qh.csv', [row({ merchant_id: 'M-QH', amount: '6.00' })], { header, bom: true, eol: '\r\n' });
      const engine = await open();
      expect(await engine.request('importPaths', { paths: [file] })).toMatchObject({ accepted: 1, rejected: 0 });
      expect((await metricsOf(engine)).metrics.top_merchant).toEqual({ merchant_id: 'M-QH', total_volume: 6 });
    });

    it('treats a repeated header line inside the file (two exports joined) as a rejected row', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'joined.csv', [row({ merchant_id: 'J1' }), COLUMNS.join(','), row({ merchant_id: 'J2' })]);
      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(summary).toMatchObject({ rows_read: 3, accepted: 2, rejected: 1 });
      const page = await engine.request('getRejectedRows', { kind: 'rejected' });
      expect(page.rows.map((r) => [r.line, r.reason, r.raw])).toEqual([[3, 'invalid_event_id', COLUMNS.join(',')]]);
    });

    it('ignores an unnamed extra column from trailing commas', async () => {
      const dir = tempDir();
      const file = writeFile(
        dir,
        'trailing.csv',
        [COLUMNS.join(',') + ',', line(row({ merchant_id: 'M-T', amount: '4.00' })) + ',', line(row({ merchant_id: 'M-T', amount: '1.00' })) + ','].join('\n') + '\n',
      );
      const engine = await open();
      expect(await engine.request('importPaths', { paths: [file] })).toMatchObject({ accepted: 2, rejected: 0 });
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([{ merchant_id: 'M-T', total_volume: 5 }]);
    });

    it('rejects a file missing columns whole (missing_columns, naming them), imports nothing from it, and goes on', async () => {
      const dir = tempDir();
      const shared = uuid();
      const columns = COLUMNS.filter((c) => c !== 'amount' && c !== 'region');
      const broken = writeCsv(dir, 'a_broken.csv', [row({ event_id: shared, merchant_id: 'M-X' }), row({ merchant_id: 'M-Y' })], { columns });
      const good = writeCsv(dir, 'b_good.csv', [row({ event_id: shared, merchant_id: 'M-G', amount: '5.00' })]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [dir] });

      const rec = recordFor(summary, broken);
      expect(rec.status).toBe('failed');
      expect(rec.error_code).toBe('missing_columns');
      expect(rec.error_message).toMatch(/amount/);
      expect(rec.error_message).toMatch(/region/);
      expect(rec.accepted).toBe(0);
      expect(summary.files).toMatchObject({ imported: 1, failed: 1 });
      // The broken file's event_id must not block the same id in the good file.
      expect(recordFor(summary, good)).toMatchObject({ status: 'imported', accepted: 1, duplicates: 0 });
      const { metrics, coverage } = await metricsOf(engine);
      expect(coverage.events).toBe(1);
      expect(metrics.top_merchants).toEqual([{ merchant_id: 'M-G', total_volume: 5 }]);
    });
  });

  describe('the text format', () => {
    it('reads LF and CRLF files alike (a CR must not stick to the last column)', async () => {
      const dir = tempDir();
      // status is the last column here, so a left-over \r would make every row invalid_status.
      const columns = ['event_id', 'merchant_id', 'event_timestamp', 'product', 'event_type', 'amount', 'channel', 'region', 'merchant_tier', 'status'];
      writeCsv(dir, 'crlf.csv', [row({ merchant_id: 'M-CR', amount: '7.00' }), row({ merchant_id: 'M-CR', amount: '1.00' })], { columns, eol: '\r\n' });
      writeCsv(dir, 'lf.csv', [row({ merchant_id: 'M-LF', amount: '3.00' })], { columns });

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [dir] });

      expect(summary).toMatchObject({ accepted: 3, rejected: 0 });
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([
        { merchant_id: 'M-CR', total_volume: 8 },
        { merchant_id: 'M-LF', total_volume: 3 },
      ]);
    });

    it('follows RFC 4180 quoting: quoted commas, doubled quotes, line breaks inside quotes', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'q.csv', [
        row({ merchant_id: 'MRC,COMMA', amount: '30.00' }),
        row({ merchant_id: 'MRC "QUOTED"', amount: '20.00' }),
        row({ merchant_id: 'MRC-NL', amount: '10.00', region: 'LINE1\nLINE2' }),
        // A quoted value without special characters is just the value.
        `"${uuid()}","MRC-PLAIN","2024-01-15T10:00:00","POS","CARD_TRANSACTION","5.00","SUCCESS","POS","LAGOS","VERIFIED"`,
      ]);
      expect(fs.readFileSync(file, 'utf8')).toContain('"MRC ""QUOTED"""');

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      expect(summary).toMatchObject({ rows_read: 4, accepted: 4, rejected: 0 });
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([
        { merchant_id: 'MRC,COMMA', total_volume: 30 },
        { merchant_id: 'MRC "QUOTED"', total_volume: 20 },
        { merchant_id: 'MRC-NL', total_volume: 10 },
        { merchant_id: 'MRC-PLAIN', total_volume: 5 },
      ]);
    });

    it('reads UTF-8: non-ASCII values are stored as written', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'utf8.csv', [
        row({ merchant_id: 'MRC-Ñandú', amount: '2.00' }),
        row({ merchant_id: 'MRC-Ọlá', amount: '1.00', region: 'ÀBẸ́ÒKÚTA' }),
      ]);
      const engine = await open();
      expect(await engine.request('importPaths', { paths: [file] })).toMatchObject({ accepted: 2, rejected: 0 });
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([
        { merchant_id: 'MRC-Ñandú', total_volume: 2 },
        { merchant_id: 'MRC-Ọlá', total_volume: 1 },
      ]);
    });

    it('trims every value before checking and storing it', async () => {
      const dir = tempDir();
      const id = uuid();
      const file = writeCsv(dir, 't.csv', [
        row({
          event_id: `  ${id} `,
          merchant_id: '  MRC-T1  ',
          event_timestamp: ' 2024-03-01T10:00:00 ',
          product: ' pos ',
          event_type: ' card_transaction ',
          amount: ' 12.50 ',
          status: ' SUCCESS ',
        }),
        // Same id without the spaces: a duplicate of the first row.
        row({ event_id: id, merchant_id: 'MRC-T1', amount: '99.00' }),
        // Only spaces is empty.
        row({ merchant_id: '   ' }),
      ]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      expect(summary).toMatchObject({ accepted: 1, duplicates: 1, rejected: 1 });
      expect(nonzero(summary.rejected_by_reason)).toEqual({ missing_merchant_id: 1 });
      expect(nonzero(summary.warnings_by_reason)).toEqual({});
      const { metrics } = await metricsOf(engine);
      expect(metrics.top_merchants).toEqual([{ merchant_id: 'MRC-T1', total_volume: 12.5 }]);
      expect(metrics.monthly_active_merchants).toEqual({ '2024-03': 1 });
      expect(metrics.product_adoption).toEqual({ POS: 1 });
    });
  });

  describe('rejected rows', () => {
    it('rejects each kind of bad row with its reason and records file, line number, reason and raw text', async () => {
      const dir = tempDir();
      const good = row({ merchant_id: 'M-OK', amount: '1.00' });
      const lines: [string, string | null][] = [
        [line(good), null], // line 2
        ['a,b,c', 'malformed_row'], // 3: too few fields
        [line(row()) + ',extra', 'malformed_row'], // 4: too many fields
        [line(row({ event_id: 'not-a-uuid' })), 'invalid_event_id'], // 5
        [line(row({ event_id: '' })), 'invalid_event_id'], // 6
        [line(row({ event_id: '12345678-1234-4234-8234-12345678901z' })), 'invalid_event_id'], // 7: not hex
        [line(row({ merchant_id: '' })), 'missing_merchant_id'], // 8
        [line(row({ product: 'CRYPTO' })), 'invalid_product'], // 9
        [line(row({ product: '' })), 'invalid_product'], // 10
        [line(row({ status: 'DONE' })), 'invalid_status'], // 11
        [line(row({ status: '' })), 'invalid_status'], // 12
        [line(row({ merchant_id: 'M-OK', amount: '2.00' })), null], // 13
      ];
      const file = writeCsv(dir, 'r.csv', lines.map(([l]) => l));

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      expect(summary).toMatchObject({ rows_read: 12, accepted: 2, rejected: 10, duplicates: 0 });
      expect(nonzero(summary.rejected_by_reason)).toEqual({
        malformed_row: 2,
        invalid_event_id: 3,
        missing_merchant_id: 1,
        invalid_product: 2,
        invalid_status: 2,
      });
      expect(recordFor(summary, file)).toMatchObject({ status: 'imported', rows_read: 12, accepted: 2, rejected: 10 });

      const page = await engine.request('getRejectedRows', { kind: 'rejected', limit: 100 });
      expect(page.total).toBe(10);
      const got = page.rows
        .map((r) => ({ path: r.path, line: r.line, kind: r.kind, reason: r.reason, raw: r.raw }))
        .sort((x, y) => x.line - y.line);
      const expected = lines
        .map(([raw, reason], i) => ({ path: file, line: i + 2, kind: 'rejected', reason, raw }))
        .filter((r) => r.reason !== null);
      expect(got).toEqual(expected);
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([{ merchant_id: 'M-OK', total_volume: 3 }]);
    });

    it('numbers lines as in the file, counting the line breaks inside quoted values', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'ml.csv', [
        row({ region: 'ONE\nTWO\nTHREE' }), // lines 2-4
        row({ status: 'NOPE' }), // line 5
        row({ channel: 'A\r\nB' }), // lines 6-7
        row({ product: 'NOPE' }), // line 8
      ]);
      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(summary).toMatchObject({ rows_read: 4, accepted: 2, rejected: 2 });
      const page = await engine.request('getRejectedRows', { kind: 'rejected' });
      expect(page.rows.map((r) => [r.line, r.reason]).sort()).toEqual([
        [5, 'invalid_status'],
        [8, 'invalid_product'],
      ]);
    });

    it('keeps at most 1 KB of a rejected row’s raw text', async () => {
      const dir = tempDir();
      const long = line(row({ region: 'R'.repeat(5000) })) + ',one-too-many';
      const file = writeCsv(dir, 'long.csv', [row(), long]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(nonzero(summary.rejected_by_reason)).toEqual({ malformed_row: 1 });

      const page = await engine.request('getRejectedRows', { kind: 'rejected' });
      expect(page.rows).toHaveLength(1);
      expect(page.rows[0].line).toBe(3);
      expect(Buffer.byteLength(page.rows[0].raw, 'utf8')).toBeLessThanOrEqual(1024);
      expect(Buffer.byteLength(page.rows[0].raw, 'utf8')).toBeGreaterThanOrEqual(512);
      expect(long.startsWith(page.rows[0].raw.slice(0, 200))).toBe(true);
    });

    it('cuts a long raw text at a character boundary (no broken UTF-8)', async () => {
      const dir = tempDir();
      const long = line(row({ region: 'é'.repeat(3000) })) + ',extra';
      const file = writeCsv(dir, 'utf8long.csv', [long]);
      const engine = await open();
      await engine.request('importPaths', { paths: [file] });
      const [rejected] = (await engine.request('getRejectedRows', { kind: 'rejected' })).rows;
      expect(Buffer.byteLength(rejected.raw)).toBeLessThanOrEqual(1024);
      expect(rejected.raw).not.toContain('\uFFFD');
      expect(long.startsWith(rejected.raw)).toBe(true);
    });

    it('records at least the first 10,000 rejected rows of an import, and counts all of them', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'many.csv', [...Array.from({ length: 10_050 }, (_, i) => `bad,row,${i}`), line(row())]);
      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(summary).toMatchObject({ rows_read: 10_051, accepted: 1, rejected: 10_050 });
      const logged = new Set<number>();
      let total = Infinity;
      for (let offset = 0; offset < total; offset += 5_000) {
        const page = await engine.request('getRejectedRows', { kind: 'rejected', offset, limit: 5_000 });
        total = page.total;
        for (const r of page.rows) logged.add(r.line);
      }
      expect(total).toBeGreaterThanOrEqual(10_000);
      expect(logged.size).toBe(total);
      for (let lineNo = 2; lineNo < 10_002; lineNo++) if (!logged.has(lineNo)) expect.fail(`line ${lineNo} was not recorded`);
    });
  });

  describe('case of product, status and event_type', () => {
    it('compares them case-insensitively and stores them upper-case', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'c.csv', [
        row({ merchant_id: 'M1', product: 'pos', status: 'success' }),
        row({ merchant_id: 'M2', product: 'Pos', status: 'Success' }),
        row({ merchant_id: 'M3', product: 'kyc', event_type: 'document_submitted', status: 'success' }),
        row({ merchant_id: 'M3', product: 'KyC', event_type: 'Verification_Completed', status: 'SUCCESS' }),
        row({ merchant_id: 'M4', product: 'airtime', status: 'failed' }),
        row({ merchant_id: 'M4', product: 'AIRTIME', status: 'SUCCESS' }),
        row({ merchant_id: 'M5', product: 'bills', status: 'pending' }),
      ]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(summary).toMatchObject({ accepted: 7, rejected: 0 });

      const { metrics } = await metricsOf(engine);
      expect(metrics.product_adoption).toEqual({ POS: 2, AIRTIME: 1, BILLS: 1, KYC: 1 });
      expect(metrics.kyc_funnel).toEqual({ documents_submitted: 1, verifications_completed: 1, tier_upgrades: 0 });
      expect(metrics.failure_rates).toEqual([
        { product: 'AIRTIME', failure_rate: 50 },
        { product: 'KYC', failure_rate: 0 },
        { product: 'POS', failure_rate: 0 },
      ]);
    });
  });

  describe('timestamps', () => {
    const valid = [
      '2024-05-01',
      '2024-05-02T10:11:12',
      '2024-05-03 10:11:12',
      '2024-05-04T10:11:12.123456',
      '2024-05-05T10:11:12Z',
      '2024-05-06T10:11:12+01:00',
      '2024-05-07 10:11:12.5-05:30',
      '2024-02-29T00:00:00', // a leap day that exists
      '2024-01-31T23:30:00-05:00', // month as written: 2024-01, not February in UTC
      '2000-02-29', // divisible by 400: a leap year
    ];
    const invalid = [
      '',
      'NOT-A-DATE',
      '2024-02-30',
      '2023-02-29',
      '2024-04-31',
      '1900-02-29', // divisible by 100 but not 400: not a leap year
      '2024-05-01T25:00:00',
      '2024-13-01',
      '2024-05-01T10:61:00',
      '2024-05-01T', // T without a time
      '2024-5-1', // not YYYY-MM-DD
      '01/05/2024',
    ];

    it('keeps rows with an invalid timestamp as NULL with an invalid_timestamp warning, and reads the valid forms as written', async () => {
      const dir = tempDir();
      const rows = [
        ...valid.map((ts, i) => row({ merchant_id: `M-V${i}`, event_timestamp: ts })),
        ...invalid.map((ts, i) => row({ merchant_id: `M-I${i}`, event_timestamp: ts })),
      ];
      const file = writeCsv(dir, 'ts.csv', rows);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      const n = valid.length + invalid.length;
      expect(summary).toMatchObject({ rows_read: n, accepted: n, rejected: 0 });
      expect(nonzero(summary.warnings_by_reason)).toEqual({ invalid_timestamp: invalid.length });
      const { metrics, coverage } = await metricsOf(engine);
      expect(coverage.events).toBe(n);
      // Rows without a timestamp are kept: every merchant adopted POS.
      expect(metrics.product_adoption).toEqual({ POS: n });
      expect(metrics.monthly_active_merchants).toEqual({ '2000-02': 1, '2024-01': 1, '2024-02': 1, '2024-05': 7 });

      const warned = await engine.request('getRejectedRows', { kind: 'warning', limit: 100 });
      expect(warned.total).toBe(invalid.length);
      expect(warned.rows.map((r) => [r.line, r.reason]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual(
        invalid.map((_, i) => [valid.length + i + 2, 'invalid_timestamp']),
      );
    });
  });

  describe('amounts', () => {
    it('stores valid amounts in kobo rounding half-up, and keeps invalid ones as NULL with an invalid_amount warning', async () => {
      const dir = tempDir();
      const validAmounts: [string, string][] = [
        ['A1', '+12.5'],
        ['A2', '1e3'],
        ['A3', '12.345'],
        ['A4', '12.344'],
        ['A5', '0.005'],
        ['A6', '1.005'],
        ['A7', '1.5E2'],
        ['A8', '7'],
      ];
      const invalidAmounts = ['', 'INVALID', '-5', '1e999', 'NaN', 'Infinity', '12,50', '0x10'];
      const file = writeCsv(dir, 'amt.csv', [
        ...validAmounts.map(([m, a]) => row({ merchant_id: m, amount: a })),
        ...invalidAmounts.map((a, i) => row({ merchant_id: `B${i}`, amount: a, product: 'BILLS' })),
        row({ merchant_id: 'C1', amount: '5.00' }),
        row({ merchant_id: 'C1', amount: 'INVALID' }),
      ]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      expect(summary).toMatchObject({ rows_read: 18, accepted: 18, rejected: 0 });
      expect(nonzero(summary.warnings_by_reason)).toEqual({ invalid_amount: invalidAmounts.length + 1 });
      const { metrics } = await metricsOf(engine);
      expect(metrics.top_merchants).toEqual([
        { merchant_id: 'A2', total_volume: 1000 },
        { merchant_id: 'A7', total_volume: 150 },
        { merchant_id: 'A1', total_volume: 12.5 },
        { merchant_id: 'A3', total_volume: 12.35 },
        { merchant_id: 'A4', total_volume: 12.34 },
        { merchant_id: 'A8', total_volume: 7 },
        { merchant_id: 'C1', total_volume: 5 },
        { merchant_id: 'A6', total_volume: 1.01 },
        { merchant_id: 'A5', total_volume: 0.01 },
      ]);
      // The rows with invalid amounts were kept.
      expect(metrics.product_adoption).toEqual({ POS: 9, BILLS: invalidAmounts.length });

      const warned = await engine.request('getRejectedRows', { kind: 'warning', limit: 100 });
      expect(warned.total).toBe(invalidAmounts.length + 1);
      expect(warned.rows.every((r) => r.reason === 'invalid_amount')).toBe(true);
      expect(warned.rows.map((r) => r.line).sort((x, y) => x - y)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 19]);
    });

    it('reads more plain decimal forms: leading zeros, exponents with a sign, half-up at the third decimal', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'amt2.csv', [
        row({ merchant_id: 'E1', amount: '1.23456e2' }), // 123.456 -> 123.46
        row({ merchant_id: 'E2', amount: '1e+2' }), // 100
        row({ merchant_id: 'E3', amount: '00012.50' }), // 12.50
        row({ merchant_id: 'E4', amount: '2.675' }), // 2.68 (not 2.67 as binary floating point would have it)
        row({ merchant_id: 'E5', amount: '5e-3' }), // 0.005 -> 0.01
        row({ merchant_id: 'E6', amount: '1.2345E+1' }), // 12.345 -> 12.35
      ]);
      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(nonzero(summary.warnings_by_reason)).toEqual({});
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([
        { merchant_id: 'E1', total_volume: 123.46 },
        { merchant_id: 'E2', total_volume: 100 },
        { merchant_id: 'E3', total_volume: 12.5 },
        { merchant_id: 'E6', total_volume: 12.35 },
        { merchant_id: 'E4', total_volume: 2.68 },
        { merchant_id: 'E5', total_volume: 0.01 },
      ]);
    });

    it('rounds on the decimal digits as written, not on a binary approximation, carrying where needed', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'amt3.csv', [
        row({ merchant_id: 'R1', amount: '1.00' }),
        row({ merchant_id: 'R1', amount: '0.00499999999999999999' }), // below half a kobo: 0.00, so R1 = 1.00
        row({ merchant_id: 'R2', amount: '100.5e-2' }), // 1.005 exactly -> 1.01
        row({ merchant_id: 'R3', amount: '0.1005e1' }), // 1.005 exactly -> 1.01; R3 = 1.01 + 2.00
        row({ merchant_id: 'R3', amount: '2' }),
        row({ merchant_id: 'R4', amount: '9.999' }), // carries: 10.00
        row({ merchant_id: 'R5', amount: '0.995' }), // carries: 1.00; R5 = 1.00 + 4.00
        row({ merchant_id: 'R5', amount: '4.00' }),
      ]);
      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });
      expect(nonzero(summary.warnings_by_reason)).toEqual({});
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([
        { merchant_id: 'R4', total_volume: 10 },
        { merchant_id: 'R5', total_volume: 5 },
        { merchant_id: 'R3', total_volume: 3.01 },
        { merchant_id: 'R2', total_volume: 1.01 },
        { merchant_id: 'R1', total_volume: 1 },
      ]);
    });

    it('adds money exactly to the kobo', async () => {
      const dir = tempDir();
      const file = writeCsv(dir, 'money.csv', [
        ...Array.from({ length: 1000 }, () => row({ merchant_id: 'K-TENTHS', amount: '0.10' })),
        row({ merchant_id: 'K-POINT3', amount: '0.1' }),
        row({ merchant_id: 'K-POINT3', amount: '0.2' }),
        ...Array.from({ length: 3 }, () => row({ merchant_id: 'K-THIRDS', amount: '33.33' })),
        row({ merchant_id: 'K-BIG', amount: '9999999999.99' }),
        row({ merchant_id: 'K-BIG', amount: '0.01' }),
        row({ merchant_id: 'K-BIG', amount: '123456789.87' }),
      ]);

      const engine = await open();
      await engine.request('importPaths', { paths: [file] });

      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([
        { merchant_id: 'K-BIG', total_volume: 10123456789.87 },
        { merchant_id: 'K-TENTHS', total_volume: 100 },
        { merchant_id: 'K-THIRDS', total_volume: 99.99 },
        { merchant_id: 'K-POINT3', total_volume: 0.3 },
      ]);
    });
  });

  describe('duplicates', () => {
    it('compares event_id case-insensitively and keeps the first occurrence within a file', async () => {
      const dir = tempDir();
      const id = 'abcdef01-2345-4678-89ab-cdef01234567';
      const file = writeCsv(dir, 'd.csv', [
        row({ event_id: id, merchant_id: 'M-D', amount: '10.00' }),
        row({ event_id: id.toUpperCase(), merchant_id: 'M-D', amount: '20.00' }),
        row({ event_id: id, merchant_id: 'M-E', amount: '40.00' }),
      ]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      expect(summary).toMatchObject({ rows_read: 3, accepted: 1, duplicates: 2, rejected: 0 });
      expect(nonzero(summary.rejected_by_reason)).toEqual({});
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([{ merchant_id: 'M-D', total_volume: 10 }]);
    });

    it('keeps the first occurrence across files and across imports, counting later ones as duplicates', async () => {
      const dir = tempDir();
      const id = 'fedcba98-7654-4321-8abc-0123456789ab';
      const a = writeCsv(dir, 'first/a.csv', [row({ event_id: id, merchant_id: 'M-X', amount: '10.00' })]);
      const b = writeCsv(dir, 'first/b.csv', [row({ event_id: id.toUpperCase(), merchant_id: 'M-X', amount: '99.00' })]);
      const later = writeCsv(dir, 'later/c.csv', [
        row({ event_id: id, merchant_id: 'M-Y', amount: '50.00' }),
        row({ merchant_id: 'M-Z', amount: '1.00' }),
      ]);

      const engine = await open();
      const first = await engine.request('importPaths', { paths: [path.join(dir, 'first')] });
      expect(first).toMatchObject({ accepted: 1, duplicates: 1, rejected: 0 });
      expect(recordFor(first, b)).toMatchObject({ accepted: 0, duplicates: 1 });
      expect(recordFor(first, a)).toMatchObject({ accepted: 1, duplicates: 0 });

      const second = await engine.request('importPaths', { paths: [later] });
      expect(second).toMatchObject({ accepted: 1, duplicates: 1, rejected: 0 });
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([
        { merchant_id: 'M-X', total_volume: 10 },
        { merchant_id: 'M-Z', total_volume: 1 },
      ]);
    });

    it('finds a first copy wherever it is: earlier in the same file in a written block, in the block still being filled, or stored by an earlier session', async () => {
      // Events are written 1,024 to a block: row 10 is in the file's first block by the time row 1,500
      // comes, row 2,500 is still waiting in the block being filled when row 2,990 comes.
      const dir = tempDir();
      const rows = Array.from({ length: 3000 }, (_, i) => row({ merchant_id: 'M-KEEP', amount: '1.00', event_timestamp: `2024-01-15T10:${String(i % 60).padStart(2, '0')}:00` }));
      rows[1499] = row({ event_id: rows[9].event_id.toUpperCase(), merchant_id: 'M-DUP', amount: '500.00' });
      rows[2989] = row({ event_id: rows[2499].event_id, merchant_id: 'M-DUP', amount: '700.00' });
      const a = writeCsv(dir, 'a.csv', rows);
      const db = newDbPath();
      const engine = await openEngine(db, { tuning });
      expect(await engine.request('importPaths', { paths: [a] })).toMatchObject({ rows_read: 3000, accepted: 2998, duplicates: 2, rejected: 0 });
      await engine.close();

      // A new session rebuilds its index from the stored blocks.
      const b = writeCsv(dir, 'b.csv', [row({ event_id: rows[999].event_id, merchant_id: 'M-DUP', amount: '900.00' }), row({ merchant_id: 'M-NEW', amount: '3.00' })]);
      const again = await openEngine(db, { tuning });
      expect(await again.request('importPaths', { paths: [b] })).toMatchObject({ accepted: 1, duplicates: 1 });
      expect((await metricsOf(again)).metrics.top_merchants).toEqual([
        { merchant_id: 'M-KEEP', total_volume: 2998 },
        { merchant_id: 'M-NEW', total_volume: 3 },
      ]);
      await again.close();
    });

    it('does not let a rejected row claim an event_id, while a kept row with warnings does', async () => {
      const dir = tempDir();
      const rejectedFirst = uuid();
      const warnedFirst = uuid();
      const file = writeCsv(dir, 'd.csv', [
        row({ event_id: rejectedFirst, merchant_id: 'M-R', product: 'NOT-A-PRODUCT', amount: '1000.00' }),
        row({ event_id: rejectedFirst, merchant_id: 'M-R', amount: '7.00' }),
        row({ event_id: warnedFirst, merchant_id: 'M-W', amount: 'INVALID' }),
        row({ event_id: warnedFirst, merchant_id: 'M-W', amount: '50.00' }),
      ]);

      const engine = await open();
      const summary = await engine.request('importPaths', { paths: [file] });

      expect(summary).toMatchObject({ rows_read: 4, accepted: 2, duplicates: 1, rejected: 1 });
      expect(nonzero(summary.rejected_by_reason)).toEqual({ invalid_product: 1 });
      expect(nonzero(summary.warnings_by_reason)).toEqual({ invalid_amount: 1 });
      expect((await metricsOf(engine)).metrics.top_merchants).toEqual([{ merchant_id: 'M-R', total_volume: 7 }]);
    });
  });
});
