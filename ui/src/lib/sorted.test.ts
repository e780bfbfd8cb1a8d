import { describe, expect, it } from "vitest";
import { lowerBound, removeSorted, upsertSorted } from "./sorted";

const id = (s: string) => s;

describe("sorted arrays", () => {
  it("inserts in order and replaces an equal key", () => {
    const items: string[] = [];
    for (const key of ["m3", "m1", "m2", "m2"]) upsertSorted(items, key, id);
    expect(items).toEqual(["m1", "m2", "m3"]);
  });

  it("removes only the matching key", () => {
    const items = ["a", "b", "c"];
    removeSorted(items, "b", id);
    removeSorted(items, "zz", id);
    expect(items).toEqual(["a", "c"]);
  });

  it("finds the first position not below a key", () => {
    expect(lowerBound(["a", "c", "e"], "d", id)).toBe(2);
    expect(lowerBound([], "d", id)).toBe(0);
  });
});
