// The exported columns, in order, and what each one means: the CSV header, the Parquet schema and the
// data set's README.txt all come from this one list.
export const EXPORT_COLUMNS = [
  ['event_id', 'the event\'s UUID, lower-case'],
  ['merchant_id', 'the merchant, as written in the files'],
  ['event_timestamp', 'the time as written, without zone conversion (YYYY-MM-DDTHH:MM:SS, milliseconds when present); empty when the file\'s timestamp was invalid'],
  ['event_date', 'the date part of event_timestamp (a DATE in Parquet); empty when the timestamp was invalid'],
  ['product', 'POS, AIRTIME, BILLS, CARD_PAYMENT, SAVINGS, MONIEBOOK or KYC'],
  ['event_type', 'upper-case, as written'],
  ['amount', 'naira, exact to the kobo (DECIMAL(18,2) in Parquet); empty when the file\'s amount was invalid'],
  ['status', 'SUCCESS, FAILED or PENDING'],
  ['channel', 'as written'],
  ['region', 'as written'],
  ['merchant_tier', 'as written'],
  ['source_file', 'the file the event was imported from'],
  ['source_line', 'its line in that file (the header is line 1); empty for files imported before lines were kept'],
] as const;

export const COLUMN_NAMES = EXPORT_COLUMNS.map(([name]) => name);
