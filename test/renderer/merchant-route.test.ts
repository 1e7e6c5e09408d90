// The merchant profile's route, #/merchant/<id>?<view>: the filter part means what it means on the
// dashboard, ids round-trip however they are spelt, and a link without an id falls back to the dashboard.
import { describe, expect, it } from 'vitest';
import { isDashboardHash, isViewHash, parseRouteHash, serializeRoute, serializeView } from '../../shared/url-state.js';

describe('merchant route', () => {
  it('reads the id and the view parameters after it', () => {
    expect(parseRouteHash('#/merchant/MRC-009405?from=2024-01-01&to=2024-01-31&region=lagos&compare=previous')).toEqual({
      merchant: 'MRC-009405',
      view: { filter: { from: '2024-01-01', to: '2024-01-31', region: ['LAGOS'] }, compare: 'previous' },
      error: null,
    });
    expect(parseRouteHash('#/merchant/MRC-1')).toEqual({ merchant: 'MRC-1', view: { filter: {} }, error: null });
  });

  it('writes the same view after the id, and reads it back; the dashboard without a merchant', () => {
    const view = { filter: { from: '2024-02-01', to: '2024-02-29', exclude: { channel: ['USSD'] } }, compare: 'year' as const, preset: 'last-month' as const };
    const hash = serializeRoute(view, 'MRC-1');
    expect(hash).toBe('#/merchant/MRC-1?from=2024-02-01&to=2024-02-29&exclude-channel=USSD&compare=year&preset=last-month');
    expect(parseRouteHash(hash)).toEqual({ merchant: 'MRC-1', view, error: null });
    expect(serializeRoute({ filter: {} }, 'MRC-1')).toBe('#/merchant/MRC-1');
    expect(serializeRoute(view, null)).toBe(serializeView(view));
    expect(parseRouteHash(serializeView(view))).toEqual({ merchant: null, view, error: null });
  });

  it('an id with characters a URL reserves round-trips', () => {
    for (const id of ['MRC 1', 'A/B?C', 'x&y=z', 'ÀÉ-9', '=cmd']) {
      const hash = serializeRoute({ filter: { region: ['LAGOS'] } }, id);
      expect(parseRouteHash(hash).merchant, id).toBe(id);
      expect(parseRouteHash(hash).view.filter).toEqual({ region: ['LAGOS'] });
    }
  });

  it('a bad filter part is dropped and named, the merchant kept; no id means the dashboard, said so', () => {
    const bad = parseRouteHash('#/merchant/MRC-1?from=2024-13-01&colour=red&region=KANO');
    expect(bad.merchant).toBe('MRC-1');
    expect(bad.view.filter).toEqual({ region: ['KANO'] });
    expect(bad.error).toContain('"colour" is not a filter');
    const none = parseRouteHash('#/merchant/?region=KANO');
    expect(none.merchant).toBeNull();
    expect(none.view.filter).toEqual({ region: ['KANO'] });
    expect(none.error).toContain('names no merchant');
  });

  it('profiles are views of the window (no reload), the report is not; only the dashboard is the dashboard', () => {
    expect(isViewHash('#/merchant/MRC-1?from=2024-01-01')).toBe(true);
    expect(isViewHash('#/?region=X')).toBe(true);
    expect(isViewHash('#/report?page=A4')).toBe(false);
    expect(isDashboardHash('#/merchant/MRC-1')).toBe(false);
  });
});
