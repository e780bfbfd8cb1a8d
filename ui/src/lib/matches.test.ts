import { expect, it } from "vitest";
import { markMatches } from "./matches";

const marked = (text: string, query: string) =>
  markMatches(text, query).map((p) => (p.match ? `[${p.text}]` : p.text)).join("");

it("marks every word of the query in any case, and nothing else", () => {
  expect(marked("The Canary deploy went out", "canary OUT")).toBe("The [Canary] deploy went [out]");
  expect(marked("canary, canary", "canary")).toBe("[canary], [canary]");
  expect(marked("no match here", "zebra")).toBe("no match here");
});

it("merges overlapping and touching matches into one mark", () => {
  expect(marked("canary", "can canary")).toBe("[canary]");
  expect(marked("abcd", "ab cd")).toBe("[abcd]");
});

it("marks nothing for an empty query, and gives no piece for empty text", () => {
  expect(marked("text", "  ")).toBe("text");
  expect(markMatches("", "a")).toEqual([]);
});
