/**
 * A map that forgets its least recently used entries once their total size passes a
 * limit (one process, like the read gate). Sizes are what the caller says they are,
 * roughly characters. An entry above a hundredth of the limit is computed and not
 * kept, so one huge text cannot push everything else out.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private total = 0;

  constructor(private readonly limit: number) {}

  remember(key: string, compute: () => V, sizeOf: (value: V) => number): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // A Map keeps insertion order: moving a hit to the end makes the first entry the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const size = sizeOf(value);
    if (size <= this.limit / 100) {
      this.entries.set(key, { value, size });
      this.total += size;
      for (const [k, entry] of this.entries) {
        if (this.total <= this.limit) break;
        this.entries.delete(k);
        this.total -= entry.size;
      }
    }
    return value;
  }
}
