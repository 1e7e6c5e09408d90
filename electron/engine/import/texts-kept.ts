// How many merchant texts the importer keeps in memory on each side of a parse thread. A file with a
// million distinct merchants made the parse thread's dictionary, the writer's copy of it and the
// writer's text -> id map each hold a million strings and Map entries (about 100 MB per thread).

/** Merchant texts kept per dictionary: 65,536 (a generated year has 20,000 merchants, so never reached there). */
export const MERCHANT_TEXTS_KEPT = 1 << 16;

/**
 * Whether a parse thread's merchant numbering starts over after a batch, when it has numbered this
 * many texts. The parse thread asks once it has handed the batch's new texts out, and the writer once
 * it has taken them: both count the same texts (each travels once, with its batch), so they start over
 * at the same batch and no message needs to say so.
 */
export const merchantNumbersFull = (numbered: number): boolean => numbered >= MERCHANT_TEXTS_KEPT;
