// What the writer knows of one parse thread's dictionaries: each thread numbers the texts it meets in
// its own order and sends only the new ones with each batch; this keeps those texts and the database
// id of each number, so a batch's columns map to stored ids by array lookups.
import type { RowBatch } from './batch.js';
import type { AttrSetIds, LabelIds } from './writer-sql.js';
import { merchantNumbersFull } from './texts-kept.js';

const KYC_STEP_OF_TYPE = new Map([
  ['DOCUMENT_SUBMITTED', 0],
  ['VERIFICATION_COMPLETED', 1],
  ['TIER_UPGRADE', 2],
]);

export interface Labels {
  merchants: LabelIds;
  eventType: LabelIds;
  channel: LabelIds;
  region: LabelIds;
  tier: LabelIds;
  attrSets: AttrSetIds;
}

/** Text columns of a batch and the label dictionary each maps into. */
const TEXT_COLUMNS = [
  ['merchants', 'merchants'],
  ['eventTypes', 'eventType'],
  ['channels', 'channel'],
  ['regions', 'region'],
  ['tiers', 'tier'],
] as const;

type TextField = (typeof TEXT_COLUMNS)[number][0];

export class ParseSide {
  private readonly texts: Record<TextField, string[]> = { merchants: [], eventTypes: [], channels: [], regions: [], tiers: [] };
  /** The thread's (channel, region, tier) combinations, as three of its dictionary numbers each. */
  private readonly attrTriples: number[] = [];
  /** Database id of each of the thread's numbers. */
  readonly ids = { merchants: [] as number[], eventTypes: [] as number[], kycSteps: [] as number[], channels: [] as number[], regions: [] as number[], tiers: [] as number[], attrSets: [] as number[] };

  /** Takes the texts and combinations first seen in a batch, storing the new ones. */
  take(b: RowBatch, labels: Labels): void {
    const ids = this.ids;
    if (merchantNumbersFull(this.texts.merchants.length)) {
      // The thread started its merchant numbers over after the last batch, as this side does now.
      this.texts.merchants = [];
      ids.merchants = [];
    }
    for (const [field, label] of TEXT_COLUMNS) {
      for (const t of b[field]) {
        this.texts[field].push(t);
        ids[field].push(labels[label].id(t));
      }
    }
    for (const t of b.eventTypes) ids.kycSteps.push(KYC_STEP_OF_TYPE.get(t) ?? -1);
    for (const x of b.attrSets) this.attrTriples.push(x);
    while (ids.attrSets.length < this.attrTriples.length / 3) ids.attrSets.push(this.attrSetId(ids.attrSets.length, labels));
  }

  /** After a rollback, texts first stored in the rolled-back file are gone: store them again and re-map. */
  remap(labels: Labels): void {
    const ids = this.ids;
    for (const [field, label] of TEXT_COLUMNS) ids[field] = this.texts[field].map((x) => labels[label].id(x));
    ids.attrSets = ids.attrSets.map((_, i) => this.attrSetId(i, labels));
  }

  private attrSetId(i: number, labels: Labels): number {
    const ids = this.ids;
    const t = this.attrTriples;
    return labels.attrSets.id(ids.channels[t[3 * i]], ids.regions[t[3 * i + 1]], ids.tiers[t[3 * i + 2]]);
  }
}
