// Browser mode names uploaded files by the path the analyst dropped, for this run's uploads and for the
// files an earlier run of the server imported into the same database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withUploadNames } from '../../electron/web/upload-names.js';
import { createUploadRoot } from '../../electron/web/uploads.js';

describe('withUploadNames', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-names-'));
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));
  const earlier = createUploadRoot(parent);
  const current = createUploadRoot(parent);

  it("takes every run's upload folder out of strings, deep in answers, and leaves other paths alone", () => {
    const answer = {
      files: [{ path: path.join(current, 'may', 'activities_20240501.csv') }, { path: path.join(earlier, 'activities_20240101.csv') }],
      csv: `file,line\n${path.join(earlier, 'jan', 'a.csv')},3\n${path.join(current, 'b.csv')},4\n`,
      other: path.join(parent, 'not-an-upload', 'c.csv'),
      count: 2,
    };
    expect(withUploadNames(answer, parent)).toEqual({
      files: [{ path: path.join('may', 'activities_20240501.csv') }, { path: 'activities_20240101.csv' }],
      csv: `file,line\n${path.join('jan', 'a.csv')},3\nb.csv,4\n`,
      other: path.join(parent, 'not-an-upload', 'c.csv'),
      count: 2,
    });
  });

  it('leaves a folder that only looks like an upload folder', () => {
    const lookalike = path.join(parent, 'merchant-analytics-web-toolong1', 'x.csv');
    expect(withUploadNames(lookalike, parent)).toBe(lookalike);
  });
});
