// Hand-made getMerchant and searchMerchants answers for the profile and search component tests.
import type { MerchantResponse, SearchMerchantsResponse } from '../../shared/exploring';

export const MERCHANT: MerchantResponse = {
  merchant_id: 'MRC-009405',
  known: true,
  volume: 151233885.45,
  rank: 1,
  ranked_merchants: 9876,
  events: 1234,
  events_by_status: { SUCCESS: 1100, FAILED: 100, PENDING: 34 },
  first_date: '2024-01-02',
  last_date: '2024-03-30',
  regions: [
    { value: 'LAGOS', events: 1000, first_date: '2024-01-02', last_date: '2024-02-14' },
    { value: 'ABUJA', events: 234, first_date: '2024-02-15', last_date: '2024-03-30' },
  ],
  tiers: [{ value: 'PREMIUM', events: 1234, first_date: '2024-01-02', last_date: '2024-03-30' }],
  channels: [{ value: 'APP', events: 1234, first_date: '2024-01-02', last_date: '2024-03-30' }],
  products: [
    { product: 'POS', events: 1000, volume: 150000000, failure_rate: 8.3, first_date: '2024-01-02', last_date: '2024-03-30' },
    { product: 'KYC', events: 3, volume: 0, failure_rate: null, first_date: '2024-01-03', last_date: '2024-01-20' },
  ],
  kyc_steps: [
    { step: 'documents_submitted', first_date: '2024-01-03', last_date: '2024-01-03', events: 1 },
    { step: 'verifications_completed', first_date: '2024-01-10', last_date: '2024-01-20', events: 2 },
  ],
  months: [
    { month: '2024-01', volume: 50000000, events: 400 },
    { month: '2024-02', volume: 60000000, events: 500 },
    { month: '2024-03', volume: 41233885.45, events: 334 },
  ],
  undated_events: 0,
};

export const SEARCH: SearchMerchantsResponse = {
  merchants: [
    { merchant_id: 'MRC-009405', volume: 151233885.45 },
    { merchant_id: 'MRC-009406', volume: 1000 },
    { merchant_id: 'MRC-109405', volume: 10 },
  ],
};
