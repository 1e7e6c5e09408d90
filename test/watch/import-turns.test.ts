// The engine's one import queue: imports run one at a time in the order asked, and a cancel reaches
// only its owner's import (the analyst's Cancel never stops a watched folder's, nor the other way).
import { describe, expect, it } from 'vitest';
import { ImportTurns } from '../../electron/engine/import/import-turns.js';

function latch() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('ImportTurns', () => {
  it('runs each import only after the one before it has ended, in the order asked', async () => {
    const turns = new ImportTurns<string>();
    const analyst = {};
    const folder = {};
    const log: string[] = [];
    const firstHeld = latch();
    const first = turns.take(folder, async () => {
      log.push('folder starts');
      await firstHeld.promise;
      log.push('folder ends');
      return 'folder';
    }, () => 'dropped');
    const second = turns.take(analyst, async () => {
      log.push('analyst starts');
      return 'analyst';
    }, () => 'dropped');
    expect(turns.running).toBe(folder);
    expect(turns.has(analyst)).toBe(true);
    expect(log).toEqual(['folder starts']);
    firstHeld.open();
    expect(await Promise.all([first, second])).toEqual(['folder', 'analyst']);
    expect(log).toEqual(['folder starts', 'folder ends', 'analyst starts']);
    expect(turns.running).toBeNull();
    expect(turns.has(analyst)).toBe(false);
  });

  it("drops only the owner's waiting import, which never runs", async () => {
    const turns = new ImportTurns<string>();
    const [a, b, c] = [{}, {}, {}];
    const held = latch();
    let bRan = false;
    const first = turns.take(a, async () => (await held.promise, 'a'), () => 'a dropped');
    const second = turns.take(b, async () => ((bRan = true), 'b'), () => 'b dropped');
    const third = turns.take(c, async () => 'c', () => 'c dropped');
    expect(turns.drop(b)).toBe(true);
    expect(turns.drop(b)).toBe(false);
    expect(await second).toBe('b dropped');
    held.open();
    expect(await Promise.all([first, third])).toEqual(['a', 'c']);
    expect(bRan).toBe(false);
  });

  it('drops every waiting import when closing', async () => {
    const turns = new ImportTurns<string>();
    const held = latch();
    const first = turns.take({}, async () => (await held.promise, 'running'), () => 'dropped');
    const waiting = [turns.take({}, async () => 'ran', () => 'dropped'), turns.take({}, async () => 'ran', () => 'dropped')];
    expect(turns.drop()).toBe(true);
    held.open();
    expect(await Promise.all([first, ...waiting])).toEqual(['running', 'dropped', 'dropped']);
  });
});
