import { describe, expect, it } from 'vitest';
import { KeyedCache } from './keyed-cache';

describe('KeyedCache', () => {
  it('serves a slot from memory while its key is unchanged and reloads when the key changes', async () => {
    const cache = new KeyedCache<string>(10);
    let loads = 0;
    const load = (v: string) => async () => {
      loads++;
      return v;
    };
    expect(await cache.get('a', 'k1', load('one'))).toBe('one');
    expect(await cache.get('a', 'k1', load('other'))).toBe('one');
    expect(await cache.get('a', 'k2', load('two'))).toBe('two');
    expect(await cache.get('a', 'k1', load('three'))).toBe('three'); // only the latest key of a slot is kept
    expect(loads).toBe(3);
    expect(cache.stats()).toEqual({ hits: 1, misses: 3, shared: 0, size: 1 });
  });

  it('lets concurrent misses of one slot and key share one load, but not misses under another key', async () => {
    const cache = new KeyedCache<number>(10);
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      loads++;
      await gate;
      return loads;
    };
    const waiting = Promise.all([cache.get('s', 'k', slow), cache.get('s', 'k', slow), cache.get('s', 'k', slow), cache.get('s', 'other', slow)]);
    release();
    const values = await waiting;
    expect(loads).toBe(2);
    expect(cache.stats()).toMatchObject({ misses: 2, shared: 2 });
    expect(values[0]).toBe(values[1]);
    expect(values[1]).toBe(values[2]);
  });

  it('does not keep a failed load: every waiter gets the error and the next call loads again', async () => {
    const cache = new KeyedCache<string>(10);
    let attempt = 0;
    const flaky = async () => {
      attempt++;
      if (attempt === 1) throw new Error('database gone');
      return 'fine';
    };
    const results = await Promise.allSettled([cache.get('s', 'k', flaky), cache.get('s', 'k', flaky)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await cache.get('s', 'k', flaky)).toBe('fine');
    expect(cache.stats().size).toBe(1);
  });

  it('keeps at most maxEntries slots, dropping the least recently stored, and resets', async () => {
    const cache = new KeyedCache<string>(2);
    await cache.get('a', 'k', async () => 'A');
    await cache.get('b', 'k', async () => 'B');
    await cache.get('c', 'k', async () => 'C');
    expect(cache.stats().size).toBe(2);
    expect(await cache.get('a', 'k', async () => 'A again')).toBe('A again');
    expect(await cache.get('c', 'k', async () => 'never')).toBe('C');
    cache.reset(true);
    expect(cache.stats()).toEqual({ hits: 0, misses: 0, shared: 0, size: 2 });
    cache.reset();
    expect(cache.stats().size).toBe(0);
  });
});
