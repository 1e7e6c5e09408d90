// Saved views through the engine's public API: create, overwrite, rename, duplicate, move, delete; a
// name clash and an unreadable state refused as data; a read-only engine refusing writes; the last
// view; and the exported file read back.
import { describe, expect, it } from 'vitest';
import { newDbPath, openEngine } from '../helpers/engine.js';
import type { SavedView } from '../../shared/views.js';
import { openState, parseViewJson, stateToSave, viewToJson } from '../../shared/views.js';
import { parseViewHash } from '../../shared/url-state.js';

const names = (views: SavedView[]) => views.map((v) => v.name);

describe('saved views in the engine', () => {
  it('creates, lists in order, overwrites, renames, duplicates, moves and deletes', async () => {
    const engine = await openEngine();
    expect((await engine.request('listViews', {})).views).toEqual([]);
    const a = await engine.request('saveView', { name: '  Lagos last 30 ', state: 'region=LAGOS&preset=last-30', dates: 'relative' });
    expect(a).toMatchObject({ name: 'Lagos last 30', dates: 'relative', position: 0 });
    expect(openState(a.state, '2024-03-31').view).toEqual({ filter: { from: '2024-03-02', to: '2024-03-31', region: ['LAGOS'] }, preset: 'last-30' });
    const b = await engine.request('saveView', { name: 'January', state: '#/?from=2024-01-01&to=2024-01-31&compare=previous', dates: 'fixed' });
    expect(b.position).toBe(1);
    expect(names((await engine.request('listViews', {})).views)).toEqual(['Lagos last 30', 'January']);

    const over = await engine.request('saveView', { id: a.id, name: 'Lagos last 30', state: 'region=LAGOS,ABUJA&preset=last-7', dates: 'relative' });
    expect(over.id).toBe(a.id);
    expect(parseViewHash(`#/?${over.state}`).view).toEqual({ filter: { region: ['LAGOS', 'ABUJA'] }, preset: 'last-7' });
    expect(over.created_at).toBe(a.created_at);

    const renamed = await engine.request('renameView', { id: b.id, name: 'January 2024' });
    expect(renamed.name).toBe('January 2024');
    const copy = await engine.request('duplicateView', { id: a.id });
    expect(copy).toMatchObject({ name: 'Lagos last 30 (copy)', state: over.state, dates: 'relative', position: 1 });
    expect((await engine.request('duplicateView', { id: a.id })).name).toBe('Lagos last 30 (copy 2)');
    expect(names((await engine.request('listViews', {})).views)).toEqual(['Lagos last 30', 'Lagos last 30 (copy 2)', 'Lagos last 30 (copy)', 'January 2024']);

    const moved = (await engine.request('moveView', { id: b.id, position: 0 })).views;
    expect(names(moved)).toEqual(['January 2024', 'Lagos last 30', 'Lagos last 30 (copy 2)', 'Lagos last 30 (copy)']);
    expect(moved.map((v) => v.position)).toEqual([0, 1, 2, 3]);
    expect(names((await engine.request('moveView', { id: b.id, position: 99 })).views).at(-1)).toBe('January 2024');

    const left = (await engine.request('deleteView', { id: copy.id })).views;
    expect(names(left)).toEqual(['Lagos last 30', 'Lagos last 30 (copy 2)', 'January 2024']);
    expect(left.map((v) => v.position)).toEqual([0, 1, 2]);
    const gone = await engine.call('deleteView', { id: copy.id });
    expect(!gone.ok && gone.error.code).toBe('not_found');
  });

  it('views are kept in the database: a new engine on the same file lists them', async () => {
    const db = newDbPath();
    const first = await openEngine(db);
    await first.request('saveView', { name: 'Kept', state: 'channel=USSD', dates: 'fixed' });
    await first.request('setLastView', { state: '#/?from=2024-01-01&to=2024-01-31&preset=last-month' });
    await first.close();
    const again = await openEngine(db);
    expect(names((await again.request('listViews', {})).views)).toEqual(['Kept']);
    expect(await again.request('getLastView', {})).toEqual({ state: 'from=2024-01-01&to=2024-01-31&preset=last-month' });
  });

  it('a name another view has (in any case) is refused in words, unless it is the view being overwritten', async () => {
    const engine = await openEngine();
    const a = await engine.request('saveView', { name: 'Lagos', state: 'region=LAGOS', dates: 'fixed' });
    const b = await engine.request('saveView', { name: 'Abuja', state: 'region=ABUJA', dates: 'fixed' });
    for (const r of [
      await engine.call('saveView', { name: 'LAGOS', state: '', dates: 'fixed' }),
      await engine.call('saveView', { id: b.id, name: 'lagos', state: '', dates: 'fixed' }),
      await engine.call('renameView', { id: b.id, name: 'Lagos' }),
      await engine.call('duplicateView', { id: b.id, name: 'lagos' }),
    ]) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request');
        expect(r.error.message).toBe('There is already a view called "Lagos". Choose another name, or open that view and save over it.');
      }
    }
    expect((await engine.call('saveView', { id: a.id, name: 'LAGOS', state: 'region=LAGOS,KANO', dates: 'fixed' })).ok).toBe(true);
    expect(names((await engine.request('listViews', {})).views)).toEqual(['LAGOS', 'Abuja']);
  });

  it('a state that does not parse, and dates that do not fit the choice, are refused and nothing is saved', async () => {
    const engine = await openEngine();
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ name: 'x', state: 'colour=red', dates: 'fixed' }, /"colour" is not a filter/],
      [{ name: 'x', state: 'from=2024-02-30', dates: 'fixed' }, /could not be read: filter\.from must be a date written YYYY-MM-DD that exists \(for example 2024-01-31\)\.$/],
      [{ name: 'x', state: 'preset=next-week', dates: 'relative' }, /not a date preset/],
      [{ name: 'x', state: 'compare=previous', dates: 'fixed' }, /needs both/],
      [{ name: 'x', state: 'from=2024-01-01&to=2024-01-31', dates: 'relative' }, /can only be kept fixed/],
      [{ name: 'x', state: 'preset=last-30', dates: 'fixed' }, /needs its dates/],
      [{ name: '   ', state: '', dates: 'fixed' }, /needs a name/],
      [{ name: 'x', state: '', dates: 'sometimes' }, /relative or fixed/],
    ];
    for (const [request, message] of bad) {
      const r = await engine.call('saveView', request as never);
      expect(r.ok, JSON.stringify(request)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request');
        expect(r.error.message).toMatch(message);
      }
    }
    const last = await engine.call('setLastView', { state: 'region=' + 'A,'.repeat(6000) });
    expect(!last.ok && last.error.code).toBe('bad_request');
    expect((await engine.request('listViews', {})).views).toEqual([]);
    expect(await engine.request('getLastView', {})).toEqual({ state: null });
  });

  it('a relative view with a comparison keeps its preset and comparison, not its dates', async () => {
    const engine = await openEngine();
    const v = await engine.request('saveView', { name: 'Compared', state: 'from=2023-01-01&to=2023-01-30&compare=previous&preset=last-30', dates: 'relative' });
    expect(v.state).toBe('compare=previous&preset=last-30');
    expect(openState(v.state, '2024-06-30').view).toEqual({ filter: { from: '2024-06-01', to: '2024-06-30' }, compare: 'previous', preset: 'last-30' });
    // Fixed: the dates stay whatever the data.
    const f = await engine.request('saveView', { name: 'Fixed', state: 'from=2023-01-01&to=2023-01-30&compare=previous&preset=last-30', dates: 'fixed' });
    expect(f.state).toBe('from=2023-01-01&to=2023-01-30&compare=previous');
    expect(openState(f.state, '2024-06-30').view.filter).toEqual({ from: '2023-01-01', to: '2023-01-30' });
  });

  it('an engine that only reads refuses every write as data, and still lists', async () => {
    const db = newDbPath();
    const writer = await openEngine(db);
    const saved = await writer.request('saveView', { name: 'Shared', state: '', dates: 'fixed' });
    const reader = await openEngine(db);
    for (const r of [
      await reader.call('saveView', { name: 'Mine', state: '', dates: 'fixed' }),
      await reader.call('renameView', { id: saved.id, name: 'Other' }),
      await reader.call('duplicateView', { id: saved.id }),
      await reader.call('moveView', { id: saved.id, position: 0 }),
      await reader.call('deleteView', { id: saved.id }),
      await reader.call('setLastView', { state: '' }),
    ]) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('busy');
        expect(r.error.message).toMatch(/open for writing in another window/);
      }
    }
    expect(names((await reader.request('listViews', {})).views)).toEqual(['Shared']);
  });
});

describe('a view as a .json file', () => {
  it('round-trips, and says what is wrong with a file that is not one', () => {
    const view = { name: 'Lagos, last 30', dates: 'relative' as const, state: 'region=LAGOS&preset=last-30' };
    const text = viewToJson(view);
    expect(JSON.parse(text)).toEqual({ merchant_analytics_view: 1, ...view });
    expect(parseViewJson(text)).toEqual(view);
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      ['[1]', /no "merchant_analytics_view"/],
      [JSON.stringify({ merchant_analytics_view: 2, ...view }), /newer version/],
      [JSON.stringify({ merchant_analytics_view: 1, ...view, name: '' }), /needs a name/],
      [JSON.stringify({ merchant_analytics_view: 1, ...view, dates: 'often' }), /relative or fixed/],
      [JSON.stringify({ merchant_analytics_view: 1, name: 'x', dates: 'fixed' }), /"state" is missing/],
      [JSON.stringify({ merchant_analytics_view: 1, ...view, state: 'region=LAGOS&bogus=1' }), /"bogus" is not a filter/],
    ];
    for (const [bad, message] of cases) {
      const r = parseViewJson(bad);
      expect('error' in r && r.error, bad).toMatch(message);
    }
  });

  it('stateToSave keeps a named preset without dates, or the dates without a preset', () => {
    const view = { filter: { from: '2024-03-02', to: '2024-03-31', tier: ['GOLD'] }, preset: 'last-30' as const };
    expect(stateToSave(view, 'relative')).toBe('tier=GOLD&preset=last-30');
    expect(stateToSave(view, 'fixed')).toBe('from=2024-03-02&to=2024-03-31&tier=GOLD');
    expect(stateToSave({ ...view, preset: 'custom' }, 'relative')).toEqual({ error: expect.stringMatching(/Custom/) });
    expect(stateToSave({ filter: {}, preset: 'all' }, 'relative')).toBe('');
  });
});
