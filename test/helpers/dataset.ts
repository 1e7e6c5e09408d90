// A larger deterministic data set (many rows across several daily files) for cancel, kill and
// deletion tests: varied merchants, months, products and statuses, with a sprinkling of rejected rows,
// warnings and duplicates across files so that any half-counted file shows up in the metrics.
import { COLUMNS, uuid, writeFile } from './csv.js';

const PRODUCTS = ['POS', 'AIRTIME', 'BILLS', 'CARD_PAYMENT', 'SAVINGS', 'MONIEBOOK', 'KYC'];
const KYC_TYPES = ['DOCUMENT_SUBMITTED', 'VERIFICATION_COMPLETED', 'TIER_UPGRADE'];
const STATUSES = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED', 'PENDING'];

/** A seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const idOf = (file: number, i: number) => uuid(0x100000000 + file * 10_000_000 + i);

export interface DatasetOptions {
  files: number;
  rowsPerFile: number;
  seed?: number;
  /** Distinct merchants (default 3000). */
  merchants?: number;
}

/** Writes files activities_2024MMDD.csv into dir; returns their absolute paths in sorted order. */
export function writeDataset(dir: string, options: DatasetOptions): string[] {
  const rand = rng(options.seed ?? 42);
  const merchants = options.merchants ?? 3000;
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const paths: string[] = [];
  for (let f = 0; f < options.files; f++) {
    const month = 1 + (f % 12);
    const day = 1 + (Math.floor(f / 12) % 28);
    const lines: string[] = [COLUMNS.join(',')];
    for (let i = 0; i < options.rowsPerFile; i++) {
      const product = pick(PRODUCTS);
      const eventType = product === 'KYC' ? pick(KYC_TYPES) : 'TRANSACTION';
      // Every 500th row of a later file repeats an id of the first file, with another amount;
      // every other one of those in upper case.
      const id = f > 0 && i % 500 === 7 ? (i % 1000 === 7 ? idOf(0, i).toUpperCase() : idOf(0, i)) : idOf(f, i);
      const merchant = i % 997 === 3 ? '' : `MRC-${pad(1 + Math.floor(rand() * merchants), 6)}`;
      const ts =
        i % 1999 === 5
          ? 'NOT-A-DATE'
          : `2024-${pad(month, 2)}-${pad(day, 2)}T${pad(Math.floor(rand() * 24), 2)}:${pad(Math.floor(rand() * 60), 2)}:00`;
      const amount = i % 1499 === 11 ? 'INVALID' : (Math.floor(rand() * 10_000_000) / 100).toFixed(2);
      const status = pick(STATUSES);
      lines.push([id, merchant, ts, product, eventType, amount, status, 'APP', 'LAGOS', 'VERIFIED'].join(','));
    }
    paths.push(writeFile(dir, `activities_2024${pad(month, 2)}${pad(day, 2)}.csv`, lines.join('\n') + '\n'));
  }
  return paths.sort();
}

/**
 * The counts an import of the whole data set must give, from the generator's rules alone: rows with
 * i % 997 == 3 have no merchant (rejected); rows with i % 500 == 7 in later files repeat the first
 * file's id at the same i (a duplicate unless either row is rejected, which happens at the same i).
 */
export function datasetCounts(options: DatasetOptions) {
  const count = (pred: (i: number) => boolean) => {
    let n = 0;
    for (let i = 0; i < options.rowsPerFile; i++) if (pred(i)) n++;
    return n;
  };
  const rejected = options.files * count((i) => i % 997 === 3);
  const duplicates = (options.files - 1) * count((i) => i % 500 === 7 && i % 997 !== 3);
  const rows_read = options.files * options.rowsPerFile;
  return { rows_read, rejected, duplicates, accepted: rows_read - rejected - duplicates };
}
