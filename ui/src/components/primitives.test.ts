import { expect, it } from "vitest";
import { stylesheet } from "../test/stylesheets";

// The primitives are styled once, by their own classes: a screen puts .btn or .field on its
// markup rather than being listed here (a list that grew with every screen, issue 17).
it("styles only the primitives' own classes, no screen's", async () => {
  const css = (await stylesheet("components/primitives.css")).replace(/\/\*[\s\S]*?\*\//g, "");
  const classes = new Set(Array.from(css.matchAll(/\.([a-z][\w-]*)/g), (m) => m[1]));
  const foreign = [...classes].filter((name) => !/^(btn(-[a-z]+)?|icon-btn|field|badge)$/.test(name ?? ""));
  expect(foreign).toEqual([]);
});

it("has no selector for an element inside a screen's container", async () => {
  const css = (await stylesheet("components/primitives.css")).replace(/\/\*[\s\S]*?\*\//g, "");
  // A descendant selector (".servers-add button") styles a screen's markup from here.
  const selectors = Array.from(css.matchAll(/([^{}]+)\{/g), (m) => (m[1] ?? "").trim());
  const descendants = selectors.filter((s) => /[.\w\])]\s+[a-z]/.test(s) && !s.startsWith("@"));
  expect(descendants).toEqual([".icon-btn svg"]);
});
