// A cache of rendered text by source text, bounded in characters (key and value counted), the
// least recently used dropped first. The rendering caches (markdown, highlighting) share it: a
// virtualized transcript renders the same messages again each time they come back into view or
// their session opens again.
export class TextCache {
  private readonly entries = new Map<string, string>();
  private size = 0;

  constructor(private readonly budget: number) {}

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used goes last: a Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps `value` unless it alone would take more than a quarter of the budget. */
  set(key: string, value: string): void {
    const size = key.length + value.length;
    if (size > this.budget / 4 || this.entries.has(key)) return;
    this.entries.set(key, value);
    this.size += size;
    for (const [oldKey, oldValue] of this.entries) {
      if (this.size <= this.budget) break;
      this.entries.delete(oldKey);
      this.size -= oldKey.length + oldValue.length;
    }
  }
}
