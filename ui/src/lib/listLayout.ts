// Where each item of a virtual list sits, in pixels, when only the few items on screen are in the
// DOM. Heights are kept by item id, not by index: prepending an older page, a resync that replaces
// the list, or a removed message never hands one item's height to another. Items never measured
// count as the average of those that were.

/** A point in the list held still across a change: `delta` pixels below the top of item `id`. */
export interface Anchor {
  id: string;
  delta: number;
}

/** Height assumed for an item before any item has been measured. */
const FIRST_GUESS = 120;

export class ListLayout {
  /** The ids as of the last `setIds`: a copy, because the store mutates its array in place. */
  private order: string[] = [];
  private readonly position = new Map<string, number>();
  private readonly heights = new Map<string, number>();
  private measuredSum = 0;
  /** offsets[i] is the top of item i; offsets[length] is the total height. */
  private offsets = new Float64Array(1);
  private stale = false;

  setIds(ids: readonly string[]): void {
    this.order = ids.slice();
    this.position.clear();
    this.order.forEach((id, index) => this.position.set(id, index));
    this.stale = true;
  }

  get length(): number {
    return this.order.length;
  }

  idAt(index: number): string | undefined {
    return this.order[index];
  }

  indexOf(id: string): number {
    return this.position.get(id) ?? -1;
  }

  /** The height of an item not measured yet. */
  estimate(): number {
    return this.heights.size > 0 ? this.measuredSum / this.heights.size : FIRST_GUESS;
  }

  isMeasured(id: string): boolean {
    return this.heights.has(id);
  }

  /** Records an item's rendered height; false when it was already known to be that. */
  measure(id: string, height: number): boolean {
    const known = this.heights.get(id);
    if (known === height) return false;
    this.measuredSum += height - (known ?? 0);
    this.heights.set(id, height);
    this.stale = true;
    return true;
  }

  offsetOf(index: number): number {
    this.rebuild();
    const clamped = Math.min(Math.max(index, 0), this.order.length);
    return this.offsets[clamped] ?? 0;
  }

  total(): number {
    return this.offsetOf(this.order.length);
  }

  /** The item at `y`: the last one whose top is at or above it (0 for an empty list). */
  indexAt(y: number): number {
    this.rebuild();
    let low = 0;
    let high = this.order.length - 1;
    let found = 0;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if ((this.offsets[mid] ?? 0) <= y) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** Items to render, [start, end), for a view from `top` of `viewport` pixels plus `overscan` each side. */
  range(top: number, viewport: number, overscan: number): [number, number] {
    if (this.order.length === 0) return [0, 0];
    return [this.indexAt(top - overscan), this.indexAt(top + viewport + overscan) + 1];
  }

  /** The item at the top edge of a view starting at `top`, and how far into it the edge is. */
  anchorAt(top: number): Anchor | undefined {
    const index = this.indexAt(top);
    const id = this.order[index];
    return id === undefined ? undefined : { id, delta: top - this.offsetOf(index) };
  }

  /** Where a view must start to show `anchor` where it was; undefined when its item is gone. */
  topFor(anchor: Anchor): number | undefined {
    const index = this.position.get(anchor.id);
    return index === undefined ? undefined : this.offsetOf(index) + anchor.delta;
  }

  private rebuild(): void {
    if (!this.stale) return;
    const guess = this.estimate();
    const offsets = new Float64Array(this.order.length + 1);
    let top = 0;
    this.order.forEach((id, index) => {
      top += this.heights.get(id) ?? guess;
      offsets[index + 1] = top;
    });
    this.offsets = offsets;
    this.stale = false;
  }
}
