// A new session (a new engine on an existing database) rebuilds the dedup index from the stored ids,
// in slices of 100,000 with pauses between them. The stored ids must all be found, whichever slice
// they are in: later files repeat ids of the first, and are imported in a second session.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/csv.js';
import { datasetCounts, writeDataset } from '../helpers/dataset.js';
import { contract, importFresh, metricsOf, newDbPath, openEngine } from '../helpers/engine.js';
import { recordFor } from '../helpers/ledger.js';

describe('dedup index of a new session', () => {
  it('finds ids stored in an earlier session across several slices of the load', async () => {
    const dir = tempDir();
    const options = { files: 3, rowsPerFile: 110_000, seed: 21 };
    const [first, ...later] = writeDataset(dir, options);
    const db = newDbPath();
    const one = await openEngine(db);
    const s1 = await one.request('importPaths', { paths: [first] });
    expect(s1.accepted).toBeGreaterThan(100_000);
    await one.close();

    const two = await openEngine(db);
    const progress: number[] = [];
    two.onProgress((p) => progress.push(p.rows_read));
    const s2 = await two.request('importPaths', { paths: later });
    const counts = datasetCounts(options);
    expect(s1.accepted + s2.accepted).toBe(counts.accepted);
    expect(s2.duplicates).toBe(counts.duplicates);
    for (const f of later) expect(recordFor(s2, f).duplicates).toBeGreaterThan(0);
    const reference = await importFresh([dir]);
    expect(contract((await metricsOf(two)).metrics)).toEqual(contract(reference.metrics));
    expect(progress.length).toBeGreaterThan(0);
  }, 120_000);
});
