import { expect, it } from "vitest";
import { TextCache } from "./textCache";

it("keeps within its budget, dropping the least recently used first", () => {
  const cache = new TextCache(40);
  cache.set("a", "x".repeat(9)); // 10 characters
  cache.set("b", "x".repeat(9));
  cache.set("c", "x".repeat(9));
  expect(cache.get("a")).toBe("x".repeat(9)); // a is now the most recent
  cache.set("d", "x".repeat(9));
  cache.set("e", "x".repeat(9)); // 50 > 40: b, the least recent, goes
  expect(cache.get("b")).toBeUndefined();
  expect(["a", "c", "d", "e"].map((k) => cache.get(k) !== undefined)).toEqual([true, true, true, true]);
});

it("does not keep an entry over a quarter of the budget", () => {
  const cache = new TextCache(40);
  cache.set("big", "x".repeat(20));
  expect(cache.get("big")).toBeUndefined();
});
