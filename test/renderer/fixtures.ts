// Hand-made engine answers for the component tests.
import type { MetricsResponse } from '../../shared/metrics';
import type { HistoryResponse, ImportSummary } from '../../shared/importing';
import type { DimensionsResponse } from '../../shared/exploring';

export const METRICS: MetricsResponse = {
  metrics: {
    top_merchant: { merchant_id: 'MRC-009405', total_volume: 151233885.45 },
    top_merchants: [
      { merchant_id: 'MRC-009405', total_volume: 151233885.45 },
      { merchant_id: 'MRC-000543', total_volume: 22458810.39 },
      { merchant_id: 'MRC-008256', total_volume: 19321084.2 },
    ],
    monthly_active_merchants: { '2024-01': 9776, '2024-02': 9801, '2024-03': 10012 },
    // Deliberately not in count order: the chart must sort, the table shows the engine's order.
    product_adoption: { KYC: 1752, POS: 4314, BILLS: 4327, AIRTIME: 2564 },
    kyc_funnel: { documents_submitted: 1147, verifications_completed: 947, tier_upgrades: 512 },
    failure_rates: [
      { product: 'AIRTIME', failure_rate: 5.3 },
      { product: 'POS', failure_rate: 5 },
      { product: 'KYC', failure_rate: 4.8 },
    ],
  },
  coverage: { first_date: '2024-01-01', last_date: '2024-03-31', files: 90, events: 2_250_000, rejected_rows: 240 },
};

export const EMPTY_METRICS: MetricsResponse = {
  metrics: {
    top_merchant: null,
    top_merchants: [],
    monthly_active_merchants: {},
    product_adoption: {},
    kyc_funnel: { documents_submitted: 0, verifications_completed: 0, tier_upgrades: 0 },
    failure_rates: [],
  },
  coverage: { first_date: null, last_date: null, files: 0, events: 0, rejected_rows: 0 },
};

export const SUMMARY: ImportSummary = {
  import_id: 7,
  status: 'done',
  rows_read: 76943,
  accepted: 76935,
  duplicates: 0,
  rejected: 8,
  rejected_by_reason: { invalid_product: 5, missing_merchant_id: 3 },
  warnings_by_reason: { invalid_timestamp: 14, invalid_amount: 15 },
  files: { imported: 3, unchanged: 1, failed: 1, cancelled: 0, ignored: 2 },
  ignored_paths: ['/d/readme.txt', '/d/notes.md'],
  file_records: [
    {
      id: 31, import_id: 7, path: '/d/activities_20240104.csv', size: 10, hash: 'x', status: 'failed', rows_read: 0, accepted: 0,
      duplicates: 0, rejected: 0, rejected_by_reason: {}, warnings_by_reason: {}, error_code: 'missing_columns',
      error_message: 'The file has no amount, status column. Check it is an activities export.', file_date: '2024-01-04',
      started_at: '2026-11-24T10:00:00Z', finished_at: '2026-11-24T10:00:01Z', source_id: null,
    },
  ],
  seconds: 2.41,
};

const source = (id: number, day: string, events: number) => ({
  id, path: `/data/activities_${day.replace(/-/g, '')}.csv`, size: 1000, hash: `h${id}`, file_date: day, events,
  imported_at: '2026-11-24T10:00:00Z', import_id: 1,
});

export const HISTORY: HistoryResponse = {
  imports: [
    { id: 1, started_at: '2026-11-24T10:00:00Z', finished_at: '2026-11-24T10:00:05Z', status: 'done', inputs: ['/data'], rows_read: 75000,
      accepted: 74990, duplicates: 0, rejected: 10, files_imported: 3, files_unchanged: 0, files_failed: 0, files_ignored: 0 },
  ],
  files: [],
  sources: [source(3, '2024-01-05', 25000), source(1, '2024-01-01', 24000), source(2, '2024-01-02', 26000)],
  missing_days: ['2024-01-03', '2024-01-04'],
};

/** The same metrics with a comparison period: a product new this period, rates up and down. */
export const METRICS_COMPARE: MetricsResponse = {
  ...METRICS,
  filter: { from: '2024-02-01', to: '2024-02-29' },
  compare: {
    from: '2024-01-03',
    to: '2024-01-31',
    metrics: {
      top_merchant: { merchant_id: 'MRC-000543', total_volume: 100000000.1 },
      top_merchants: [
        { merchant_id: 'MRC-000543', total_volume: 100000000.1 },
        { merchant_id: 'MRC-009405', total_volume: 151233885.4 },
      ],
      monthly_active_merchants: { '2024-01': 9000 },
      product_adoption: { POS: 4000, BILLS: 4327, AIRTIME: 2000 },
      kyc_funnel: { documents_submitted: 1000, verifications_completed: 1000, tier_upgrades: 600 },
      failure_rates: [
        { product: 'AIRTIME', failure_rate: 4.9 },
        { product: 'POS', failure_rate: 5.5 },
      ],
    },
    coverage: { first_date: '2024-01-03', last_date: '2024-01-31', files: 29, events: 700_000, rejected_rows: 20 },
  },
};

export const DIMENSIONS: DimensionsResponse = {
  dimensions: {
    region: [
      { value: 'LAGOS', events: 120_000, merchants: 4000 },
      { value: 'ABUJA', events: 80_000, merchants: 2500 },
      { value: 'KANO', events: 30_500, merchants: 900 },
    ],
    channel: [
      { value: 'APP', events: 150_000, merchants: 5000 },
      { value: 'USSD', events: 80_500, merchants: 3000 },
    ],
    tier: [{ value: 'STARTER', events: 230_500, merchants: 7000 }],
    product: [
      { value: 'POS', events: 100_000, merchants: 4314 },
      { value: 'KYC', events: 5_000, merchants: 1752 },
    ],
  },
  first_date: '2024-01-01',
  last_date: '2024-03-31',
};
