/**
 * A small in-process cache of values that are valid under a key the caller reads fresh each time (e.g. a
 * digest of database counters): one entry per slot (the latest key wins), at most `maxEntries` slots (the
 * least recently stored goes first), and concurrent misses of one slot and key sharing one load (single
 * flight) — ten viewers of a cold, expensive view start one load, not ten.
 *
 * A load that fails is not stored and fails every caller waiting for it; the next call loads again. Values are
 * handed out as stored: callers that may mutate them must copy (lib/statistics/annual-table-cache.ts) or the
 * loader must freeze them (lib/admin/report-view-cache.ts).
 */
export class KeyedCache<V> {
  private readonly entries = new Map<string, { key: string; value: V }>();
  private readonly inflight = new Map<string, Promise<V>>();
  private counts = { hits: 0, misses: 0, shared: 0 };

  constructor(private readonly maxEntries: number) {}

  /** The value of `slot` valid under `key`: the stored one, the one being loaded, or `load()`'s. */
  async get(slot: string, key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(slot);
    if (hit && hit.key === key) {
      this.counts.hits++;
      return hit.value;
    }
    const flight = `${slot}#${key}`;
    const running = this.inflight.get(flight);
    if (running) {
      this.counts.shared++;
      return running;
    }
    this.counts.misses++;
    const loading = load().then((value) => {
      this.entries.delete(slot);
      this.entries.set(slot, { key, value });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      return value;
    });
    this.inflight.set(flight, loading);
    try {
      return await loading;
    } finally {
      this.inflight.delete(flight);
    }
  }

  /** Hits, misses (loads started) and misses that waited for a running load (`shared`) since the last reset. */
  stats(): { hits: number; misses: number; shared: number; size: number } {
    return { ...this.counts, size: this.entries.size };
  }

  /** Zeroes the counts and, unless `keepValues`, empties the cache. */
  reset(keepValues = false): void {
    if (!keepValues) this.entries.clear();
    this.counts = { hits: 0, misses: 0, shared: 0 };
  }
}
