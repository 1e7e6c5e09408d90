// The shape of the real daily exports, measured on the three real days in ../shared/fixtures/real-sample
// (76,943 rows): aggregate proportions only, no rows copied. See docs/PERFORMANCE.md for how they were read.

export const HEADER =
  'event_id,merchant_id,event_timestamp,product,event_type,amount,status,channel,region,merchant_tier\n';

export const REGIONS = ['LAGOS', 'ABUJA', 'KANO', 'IBADAN', 'PORT_HARCOURT', 'ENUGU', 'KADUNA', 'OGUN', 'RIVERS', 'DELTA'];

/** Share of merchants per tier, and how much more active a merchant of that tier is (sample: 8.2 / 11.5 / 18.1 rows). */
export const TIERS = [
  { name: 'STARTER', share: 0.32, activity: 0.75 },
  { name: 'VERIFIED', share: 0.48, activity: 1.0 },
  { name: 'PREMIUM', share: 0.2, activity: 1.5 },
];

export interface ProductShape {
  name: string;
  /** Chance a merchant uses this product at all: merchants use a fixed subset (about 2.7 of 7). */
  adoption: number;
  /** Relative weight of the product among a merchant's products, giving the real share of rows. */
  weight: number;
  /** Largest amount in naira; 0 for products whose amount is always 0.0. */
  cap: number;
  eventTypes: [string, number][];
  channels: [string, number][];
  /** Percent SUCCESS, FAILED, PENDING. */
  statuses: [number, number, number];
}

export const PRODUCTS: ProductShape[] = [
  {
    name: 'POS', adoption: 0.44, weight: 68, cap: 500_000,
    eventTypes: [['CARD_TRANSACTION', 11585], ['CASH_WITHDRAWAL', 4810], ['TRANSFER', 2907]],
    channels: [['POS', 1]],
    statuses: [91.89, 4.98, 3.13],
  },
  {
    name: 'AIRTIME', adoption: 0.43, weight: 42, cap: 10_000,
    eventTypes: [['AIRTIME_PURCHASE', 9733], ['DATA_PURCHASE', 4186]],
    channels: [['APP', 4230], ['POS', 5597], ['USSD', 2719], ['WEB', 1373]],
    statuses: [91.73, 5.14, 3.13],
  },
  {
    name: 'BILLS', adoption: 0.43, weight: 37, cap: 100_000,
    eventTypes: [['BETTING', 1895], ['CABLE_TV', 2973], ['ELECTRICITY', 4360], ['INTERNET', 1841], ['WATER', 1297]],
    channels: [['APP', 4273], ['POS', 3650], ['USSD', 1919], ['WEB', 2524]],
    statuses: [91.99, 5.2, 2.81],
  },
  {
    name: 'SAVINGS', adoption: 0.4, weight: 31, cap: 500_000,
    eventTypes: [['AUTO_SAVE', 1399], ['DEPOSIT', 4305], ['INTEREST_CREDIT', 920], ['WITHDRAWAL', 2960]],
    channels: [['APP', 5660], ['POS', 518], ['USSD', 1939], ['WEB', 1467]],
    statuses: [91.85, 5.25, 2.9],
  },
  {
    name: 'CARD_PAYMENT', adoption: 0.37, weight: 26, cap: 2_000_000,
    eventTypes: [['INVOICE_PAYMENT', 3234], ['SUPPLIER_PAYMENT', 4823]],
    channels: [['APP', 4018], ['POS', 830], ['WEB', 3209]],
    statuses: [92.18, 4.75, 3.07],
  },
  {
    name: 'MONIEBOOK', adoption: 0.37, weight: 29, cap: 100_000,
    eventTypes: [['EXPENSE_LOGGED', 1675], ['INVENTORY_UPDATE', 2527], ['SALE_RECORDED', 4147]],
    channels: [['APP', 5898], ['OFFLINE', 1618], ['WEB', 833]],
    statuses: [91.93, 5.29, 2.78],
  },
  {
    name: 'KYC', adoption: 0.3, weight: 20, cap: 0,
    eventTypes: [['DOCUMENT_SUBMITTED', 2617], ['TIER_UPGRADE', 785], ['VERIFICATION_COMPLETED', 1964]],
    channels: [['APP', 3774], ['WEB', 1592]],
    statuses: [92.04, 4.66, 3.3],
  },
];

/**
 * Amounts relative to the product's cap: the same curve fits every product with money in it.
 * Pairs of (cumulative probability, amount / cap), interpolated in log space.
 */
export const AMOUNT_QUANTILES: [number, number][] = [
  [0, 0.0004], [0.01, 0.004], [0.05, 0.0165], [0.1, 0.0325], [0.25, 0.08], [0.5, 0.173],
  [0.75, 0.3405], [0.9, 0.6663], [0.95, 0.8365], [0.99, 0.966], [1, 0.9998],
];

/** Rows per hour of the day (quiet nights, peaks mid-morning and mid-afternoon). */
export const HOUR_WEIGHTS = [
  636, 633, 608, 584, 647, 1212, 2385, 3608, 4651, 6060, 5935, 5392,
  4171, 4725, 5912, 5900, 5867, 5186, 4095, 2793, 2406, 1748, 1183, 569,
];

/** Merchant activity: Zipf-like weight rank^-s, and each merchant trades on a given day with this chance. */
export const MERCHANTS = 10_000;
export const ZIPF_S = 0.3;
export const DAILY_ACTIVE = 0.3;

/** Mean rows per daily file in a full generated year (9.9M rows over 366 days). */
export const ROWS_PER_DAY = 27_050;

/**
 * Defects per row, as in the real files (14 invalid timestamps, 15 INVALID amounts, 8 empty merchant ids in
 * 76,943 rows). They come as injected rows of merchant MRC-000001; the files are sorted by the timestamp
 * text, so empty timestamps lead, NOT-A-DATE trails and the bad-amount / no-merchant block sits at the
 * first day's 10:00:00.
 */
export const DEFECT_RATES = {
  empty_timestamp: 8 / 76_943,
  not_a_date: 6 / 76_943,
  invalid_amount: 15 / 76_943,
  missing_merchant: 8 / 76_943,
};

/** Share of rows whose event_id re-uses one from an earlier day. */
export const DUPLICATE_RATE = 0.0005;
