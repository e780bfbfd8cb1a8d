// When the transcript follows the bottom, and when it leaves the reader where they are. A reply
// streaming in grows the content and the view follows it, until the user scrolls up; reaching the
// bottom again follows it once more. Telling the user's scrolling from the view's own (keeping the
// bottom, holding an anchor) is the hard part: the view marks its own moves, and an upward move
// counts as the user's only when the content did not change size or the user was just handling
// the scrollbar or the touchscreen. A wheel turned up or an up key unpins at once.

/** A scroller's geometry, as scrollTop, scrollHeight and clientHeight say. */
export interface ScrollMetrics {
  offset: number;
  size: number;
  viewport: number;
}

/** Within this many pixels of the bottom counts as being at it. */
export const BOTTOM_EDGE = 32;
/** Earlier messages are asked for within a screen of the top, and never later than this. */
const TOP_EDGE = 400;
/** How long after a press on the scrollbar or a touch an upward move is taken as the user's. */
const INTENT_MS = 1000;

export function distanceFromBottom(m: ScrollMetrics): number {
  return m.size - m.offset - m.viewport;
}

export function isAtBottom(m: ScrollMetrics): boolean {
  return distanceFromBottom(m) <= BOTTOM_EDGE;
}

export function isNearTop(m: ScrollMetrics): boolean {
  return m.offset <= Math.max(m.viewport, TOP_EDGE);
}

/** Keys that move a focused scroller up. */
export function isScrollUpKey(event: { key: string; shiftKey: boolean }): boolean {
  return (
    event.key === "ArrowUp" ||
    event.key === "PageUp" ||
    event.key === "Home" ||
    (event.key === " " && event.shiftKey)
  );
}

export class Pinning {
  /** The view follows the bottom. */
  pinned = true;
  /** The view has been at the bottom since it opened: before that, the top is only the first layout. */
  settled = false;
  private last: ScrollMetrics | undefined;
  private ownOffset: number | undefined;
  private activeUntil = Number.NEGATIVE_INFINITY;

  /** A wheel turned up or an up key: the user is leaving the bottom. */
  userScrolledUp(): void {
    this.pinned = false;
  }

  /** A press on the scrollbar or a touch: upward moves in the next moments are the user's. */
  userActive(now: number): void {
    this.activeUntil = now + INTENT_MS;
  }

  /** The view is about to move itself to `offset`: the scroll event that follows is not the user's. */
  movingTo(offset: number): void {
    this.ownOffset = offset;
  }

  jumpToLatest(): void {
    this.pinned = true;
  }

  /** A new list (another session): follow its bottom, and wait for it before paging back. */
  reset(): void {
    this.pinned = true;
    this.settled = false;
    this.last = undefined;
    this.ownOffset = undefined;
  }

  /** Where the view is after it positioned itself. */
  positioned(m: ScrollMetrics): void {
    this.last = m;
    if (isAtBottom(m)) this.settled = true;
  }

  /** A scroll event. */
  scrolled(m: ScrollMetrics, now: number): void {
    const previous = this.last;
    this.last = m;
    const own = this.ownOffset !== undefined && Math.abs(m.offset - this.ownOffset) < 1;
    this.ownOffset = undefined;
    if (!own && previous !== undefined && m.offset < previous.offset - 1) {
      // Content that changed size moves the view by itself (the browser clamps, the view holds
      // its anchor), so an upward move then is the user's only while they handle the scrollbar.
      if (m.size === previous.size || now < this.activeUntil) {
        this.pinned = false;
        return;
      }
    }
    if (isAtBottom(m)) {
      this.pinned = true;
      this.settled = true;
    }
  }
}

/** Whether to ask for the page of messages before the first one shown. */
export function wantsOlder(
  m: ScrollMetrics,
  state: { hasOlder: boolean; loading: boolean; failed: boolean; settled: boolean },
): boolean {
  return state.hasOlder && !state.loading && !state.failed && state.settled && isNearTop(m);
}
