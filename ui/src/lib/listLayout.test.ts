import { describe, expect, it } from "vitest";
import { ListLayout } from "./listLayout";

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `msg_${String(from + i).padStart(4, "0")}`);

function measured(list: readonly string[], height: (index: number) => number): ListLayout {
  const layout = new ListLayout();
  layout.setIds(list);
  list.forEach((id, index) => layout.measure(id, height(index)));
  return layout;
}

describe("ListLayout", () => {
  it("stacks measured heights into offsets and a total", () => {
    const layout = measured(ids(3), (i) => [10, 20, 30][i] ?? 0);
    expect([0, 1, 2, 3].map((i) => layout.offsetOf(i))).toEqual([0, 10, 30, 60]);
    expect(layout.total()).toBe(60);
    // Out of range clamps instead of reading past the end.
    expect(layout.offsetOf(-5)).toBe(0);
    expect(layout.offsetOf(99)).toBe(60);
  });

  it("counts unmeasured items as the average of the measured ones", () => {
    const layout = new ListLayout();
    layout.setIds(ids(4));
    expect(layout.total()).toBe(4 * layout.estimate());
    layout.measure("msg_0000", 100);
    layout.measure("msg_0001", 300);
    expect(layout.estimate()).toBe(200);
    expect(layout.total()).toBe(100 + 300 + 200 + 200);
    // A re-measure replaces the old height in the average; the same height changes nothing.
    expect(layout.measure("msg_0001", 100)).toBe(true);
    expect(layout.measure("msg_0001", 100)).toBe(false);
    expect(layout.estimate()).toBe(100);
  });

  it("finds the item at a point, and the items around a view", () => {
    const layout = measured(ids(100), () => 50);
    expect(layout.indexAt(0)).toBe(0);
    expect(layout.indexAt(49.9)).toBe(0);
    expect(layout.indexAt(50)).toBe(1);
    expect(layout.indexAt(-10)).toBe(0);
    expect(layout.indexAt(1e9)).toBe(99);
    // A 200px view at 1000 with 100px either side spans 900..1300: items 18 to 26.
    expect(layout.range(1000, 200, 100)).toEqual([18, 27]);
    expect(layout.range(4800, 200, 100)).toEqual([94, 100]);
    expect(new ListLayout().range(0, 500, 100)).toEqual([0, 0]);
  });

  it("holds an anchor still when a page of older items is prepended", () => {
    const page = ids(10, 50);
    const layout = measured(page, () => 40);
    // The view starts 15px into the 4th item.
    const anchor = layout.anchorAt(3 * 40 + 15) ?? { id: "", delta: 0 };
    expect(anchor).toEqual({ id: "msg_0053", delta: 15 });
    layout.setIds([...ids(50), ...page]);
    // 50 unmeasured items above, at the 40px average: the view moves down by exactly their height.
    expect(layout.topFor(anchor)).toBe(50 * 40 + 3 * 40 + 15);
    // Once they are measured taller, the same anchor follows.
    ids(50).forEach((id) => layout.measure(id, 60));
    expect(layout.topFor(anchor)).toBe(50 * 60 + 3 * 40 + 15);
  });

  it("keeps heights by id across a list that changes around them", () => {
    const layout = measured(ids(3), (i) => (i + 1) * 100);
    layout.setIds(["msg_0002", "msg_0000"]);
    expect(layout.offsetOf(1)).toBe(300);
    expect(layout.indexOf("msg_0001")).toBe(-1);
    expect(layout.topFor({ id: "msg_0001", delta: 0 })).toBeUndefined();
    expect(layout.isMeasured("msg_0001")).toBe(true);
  });

  it("copies the ids, so the store mutating its array does not move items under it", () => {
    const list = ids(3);
    const layout = measured(list, () => 10);
    list.unshift("msg_new");
    expect(layout.idAt(0)).toBe("msg_0000");
    expect(layout.length).toBe(3);
  });
});
