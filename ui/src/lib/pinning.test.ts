import { describe, expect, it } from "vitest";
import { distanceFromBottom, isAtBottom, isNearTop, isScrollUpKey, Pinning, wantsOlder } from "./pinning";

/** A 500px view over `size` pixels of content, scrolled to `offset`. */
const at = (offset: number, size = 5000) => ({ offset, size, viewport: 500 });
const bottom = (size = 5000) => at(size - 500, size);

describe("geometry", () => {
  it("measures the distance to the bottom, with a small tolerance for being at it", () => {
    expect(distanceFromBottom(at(4000))).toBe(500);
    expect(isAtBottom(bottom())).toBe(true);
    expect(isAtBottom(at(4480))).toBe(true);
    expect(isAtBottom(at(4400))).toBe(false);
    // Content shorter than the view is at its bottom.
    expect(isAtBottom({ offset: 0, size: 300, viewport: 500 })).toBe(true);
  });

  it("counts a screen from the top as near it", () => {
    expect(isNearTop(at(0))).toBe(true);
    expect(isNearTop(at(500))).toBe(true);
    expect(isNearTop(at(501))).toBe(false);
  });

  it("knows the keys that scroll up", () => {
    expect(isScrollUpKey({ key: "PageUp", shiftKey: false })).toBe(true);
    expect(isScrollUpKey({ key: "ArrowUp", shiftKey: false })).toBe(true);
    expect(isScrollUpKey({ key: "Home", shiftKey: false })).toBe(true);
    expect(isScrollUpKey({ key: " ", shiftKey: true })).toBe(true);
    expect(isScrollUpKey({ key: " ", shiftKey: false })).toBe(false);
    expect(isScrollUpKey({ key: "End", shiftKey: false })).toBe(false);
  });
});

describe("Pinning", () => {
  it("starts pinned, and a user scrolling up unpins it", () => {
    const pin = new Pinning();
    expect(pin.pinned).toBe(true);
    pin.positioned(bottom());
    expect(pin.settled).toBe(true);
    pin.scrolled(at(4000), 0);
    expect(pin.pinned).toBe(false);
  });

  it("re-pins when the user comes back to the bottom, and on Jump to latest", () => {
    const pin = new Pinning();
    pin.positioned(bottom());
    pin.scrolled(at(3000), 0);
    expect(pin.pinned).toBe(false);
    pin.scrolled(at(4490), 0);
    expect(pin.pinned).toBe(true);
    pin.userScrolledUp();
    expect(pin.pinned).toBe(false);
    pin.jumpToLatest();
    expect(pin.pinned).toBe(true);
  });

  it("stays pinned while a streaming reply grows the content", () => {
    const pin = new Pinning();
    pin.positioned(bottom(5000));
    // The content grew by 300px and the view followed it to the new bottom.
    pin.movingTo(4800);
    pin.scrolled(bottom(5300), 0);
    expect(pin.pinned).toBe(true);
    // The content grew again before the view followed: not at the bottom, but not the user either.
    pin.scrolled(at(4900, 5600), 0);
    expect(pin.pinned).toBe(true);
  });

  it("does not take the view's own moves for the user's", () => {
    const pin = new Pinning();
    pin.positioned(bottom());
    pin.userScrolledUp();
    pin.positioned(at(3000));
    // Holding an anchor while content above is measured moves the view up by itself.
    pin.movingTo(2800);
    pin.scrolled(at(2800), 0);
    expect(pin.pinned).toBe(false);
    pin.jumpToLatest();
    pin.positioned(bottom());
    pin.movingTo(4200);
    pin.scrolled(at(4200), 0);
    expect(pin.pinned).toBe(true);
  });

  it("takes an upward move as the user's while content grows if they hold the scrollbar", () => {
    const pin = new Pinning();
    pin.positioned(bottom(5000));
    pin.scrolled(at(4200, 5100), 100);
    expect(pin.pinned).toBe(true);
    pin.userActive(200);
    pin.scrolled(at(4000, 5200), 300);
    expect(pin.pinned).toBe(false);
    // Long after the press, a move up during growth is not counted.
    pin.jumpToLatest();
    pin.positioned(bottom(5200));
    pin.scrolled(at(4600, 5300), 5000);
    expect(pin.pinned).toBe(true);
  });

  it("a wheel turned up unpins even within the bottom tolerance", () => {
    const pin = new Pinning();
    pin.positioned(bottom());
    pin.userScrolledUp();
    pin.scrolled(at(4490), 0);
    expect(pin.pinned).toBe(false);
  });

  it("starts over for a new list", () => {
    const pin = new Pinning();
    pin.positioned(bottom());
    pin.userScrolledUp();
    pin.reset();
    expect(pin.pinned).toBe(true);
    expect(pin.settled).toBe(false);
  });
});

describe("wantsOlder", () => {
  const ready = { hasOlder: true, loading: false, failed: false, settled: true };
  it("asks near the top once the view has settled, when there is a page and none is loading", () => {
    expect(wantsOlder(at(100), ready)).toBe(true);
    expect(wantsOlder(at(2000), ready)).toBe(false);
    expect(wantsOlder(at(100), { ...ready, hasOlder: false })).toBe(false);
    expect(wantsOlder(at(100), { ...ready, loading: true })).toBe(false);
    expect(wantsOlder(at(100), { ...ready, failed: true })).toBe(false);
    // Before the first bottom, the top is only where the view starts.
    expect(wantsOlder(at(0), { ...ready, settled: false })).toBe(false);
  });
});
