// Sorted arrays keyed by a string id: insert or replace, and remove, in O(log n) search.

/** Index of the first element whose key is >= `key`. */
export function lowerBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const probe = items[mid];
    if (probe !== undefined && keyOf(probe) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Puts `item` in its place by key, replacing an element with the same key. */
export function upsertSorted<T>(items: T[], item: T, keyOf: (item: T) => string): void {
  const key = keyOf(item);
  const at = lowerBound(items, key, keyOf);
  const there = items[at];
  if (there !== undefined && keyOf(there) === key) items[at] = item;
  else items.splice(at, 0, item);
}

/** Removes the element with `key`, if present. */
export function removeSorted<T>(items: T[], key: string, keyOf: (item: T) => string): void {
  const at = lowerBound(items, key, keyOf);
  const there = items[at];
  if (there !== undefined && keyOf(there) === key) items.splice(at, 1);
}
