// The rejected rows' scope as every boundary checks it (shared/validate-request.ts): by import or by
// the selection on screen, narrowed by file and reason, for the page and for getCsv.
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../shared/validate-request.js';

describe('rejected rows requests', () => {
  it('take a selection, a file and a reason, and pass them on', () => {
    expect(validateRequest('getRejectedRows', { filter: { from: '2024-01-02', to: '2024-01-03' }, import_file_id: 4, reason: 'invalid_amount', kind: 'all', limit: 10 })).toEqual({
      ok: true,
      value: { filter: { from: '2024-01-02', to: '2024-01-03' }, import_file_id: 4, reason: 'invalid_amount', kind: 'all', limit: 10 },
    });
    expect(validateRequest('getCsv', { target: 'rejected_rows', rejected: { filter: {}, kind: 'rejected' } })).toEqual({
      ok: true,
      value: { target: 'rejected_rows', rejected: { filter: {}, kind: 'rejected' } },
    });
    // An export holds the whole scope: a page given with it is not passed on.
    expect(validateRequest('getCsv', { target: 'rejected_rows', rejected: { import_id: 2, offset: 5, limit: 10 } })).toEqual({
      ok: true,
      value: { target: 'rejected_rows', rejected: { import_id: 2 } },
    });
  });

  it('refuse an import and a selection together, an unknown reason, a bad filter and a scope that is not an object', () => {
    for (const [name, request] of [
      ['getRejectedRows', { import_id: 1, filter: {} }],
      ['getRejectedRows', { reason: 'bad_luck' }],
      ['getRejectedRows', { import_file_id: 0 }],
      ['getRejectedRows', { filter: { from: 'yesterday' } }],
      ['getCsv', { target: 'rejected_rows', rejected: 'all' }],
    ] as const) {
      const r = validateRequest(name, request);
      expect(r.ok, JSON.stringify(request)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad_request');
    }
  });
});
