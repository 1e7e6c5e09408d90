// Small readers of import summaries and ledgers shared by the engine tests.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { ImportFileRecord, ImportSummary } from '../../shared/importing.js';

/** Reason counts without the zero entries, so {a: 0, b: 2} and {b: 2} compare equal. */
export function nonzero(counts: Record<string, number | undefined> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(counts ?? {})) if (v) out[k] = v;
  return out;
}

/** The summary's ledger line for one file (by absolute path); fails the test when there is none. */
export function recordFor(summary: ImportSummary, file: string): ImportFileRecord {
  const found = summary.file_records.filter((r) => r.path === file);
  if (found.length !== 1) {
    const seen = summary.file_records.map((r) => `${r.path} (${r.status})`).join(', ');
    throw new Error(`expected exactly one ledger record for ${file}, found ${found.length}; records: ${seen}`);
  }
  return found[0];
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
