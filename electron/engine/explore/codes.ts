// An event's product, status and KYC funnel step in one small number (the index's `code`), with lookup
// tables, so a filter on any of them is one table read per event in the scans.
import { KYC_STEP_COUNT, PRODUCT_COUNT, STATUS_COUNT, STATUS_FAILED, STATUS_SUCCESS } from '../model/event-kind.js';

/** code = ((kyc step + 1) * products + product) * statuses + status; kyc step -1 when the event is no funnel step. */
export const CODE_COUNT = (KYC_STEP_COUNT + 1) * PRODUCT_COUNT * STATUS_COUNT;

export function encodeCode(product: number, status: number, kycStep: number): number {
  return ((kycStep + 1) * PRODUCT_COUNT + product) * STATUS_COUNT + status;
}

export const CODE_PRODUCT = new Uint8Array(CODE_COUNT);
export const CODE_STATUS = new Uint8Array(CODE_COUNT);
/** The funnel step a code counts for: only SUCCESS events count; -1 for none. */
export const CODE_KYC = new Int8Array(CODE_COUNT);
/** The step of the event type whatever the status (for drilling into a step's events). */
export const CODE_STEP = new Int8Array(CODE_COUNT);
export const CODE_SUCCESS = new Uint8Array(CODE_COUNT);
export const CODE_FAILED = new Uint8Array(CODE_COUNT);

for (let c = 0; c < CODE_COUNT; c++) {
  const status = c % STATUS_COUNT;
  const product = Math.floor(c / STATUS_COUNT) % PRODUCT_COUNT;
  const step = Math.floor(c / (STATUS_COUNT * PRODUCT_COUNT)) - 1;
  CODE_PRODUCT[c] = product;
  CODE_STATUS[c] = status;
  CODE_STEP[c] = step;
  CODE_KYC[c] = status === STATUS_SUCCESS ? step : -1;
  CODE_SUCCESS[c] = status === STATUS_SUCCESS ? 1 : 0;
  CODE_FAILED[c] = status === STATUS_FAILED ? 1 : 0;
}
