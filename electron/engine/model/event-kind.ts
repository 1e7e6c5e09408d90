// The stored encoding of an event's product, status and event type (event_blocks.kind), and the ids of
// the constants behind it. Every reader and writer of `kind` goes through this file.
import { KYC_EVENT_TYPES, KYC_STEP_NAMES, PRODUCTS, STATUSES } from '../../../shared/metrics.js';

/** products.id and statuses.id are the positions in these lists (migrations/001_init.sql seeds them so). */
export const PRODUCT_COUNT = PRODUCTS.length;
export const STATUS_COUNT = STATUSES.length;
export const STATUS_SUCCESS = STATUSES.indexOf('SUCCESS');
export const STATUS_FAILED = STATUSES.indexOf('FAILED');
export const STATUS_PENDING = STATUSES.indexOf('PENDING');
export const KYC_PRODUCT = PRODUCTS.indexOf('KYC');
export const KYC_STEP_COUNT = KYC_STEP_NAMES.length;

/** KYC funnel step of an event type's text, for the funnel's events. */
export const KYC_STEP_OF_TYPE = new Map<string, number>(KYC_STEP_NAMES.map((s, i) => [KYC_EVENT_TYPES[s], i]));

/** kind = event_type label id * 32 + product * 4 + status. */
export function packKind(eventType: number, product: number, status: number): number {
  return eventType * 32 + product * 4 + status;
}
export const kindStatus = (kind: number) => kind % 4;
export const kindProduct = (kind: number) => Math.floor(kind / 4) % 8;
export const kindEventType = (kind: number) => Math.floor(kind / 32);
