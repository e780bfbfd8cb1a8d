import { expect, it } from "vitest";
import { stylesheet, stylesheetPaths } from "../test/stylesheets";

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

// The engine is WebKitGTK, some versions without color-mix(). A var() inside color-mix() is only
// found invalid after the cascade, so a plain declaration before it is no fallback: the property
// ends up with no value. Every such tint must sit inside @supports, with the plain one outside.
it("puts every color-mix() with a var() or currentColor inside @supports, in every stylesheet", async () => {
  const unguarded: string[] = [];
  for (const path of await stylesheetPaths()) {
    const css = (await stylesheet(path)).replace(/\/\*[\s\S]*?\*\//g, "");
    // Blank out each @supports (...) { ... } block (nested braces counted), then look for leftovers.
    let outside = "";
    let at = 0;
    for (const m of css.matchAll(/@supports[^{]*\{/g)) {
      if (m.index < at) continue;
      outside += css.slice(at, m.index);
      let depth = 1;
      let i = m.index + m[0].length;
      for (; depth > 0 && i < css.length; i++) {
        if (css[i] === "{") depth++;
        else if (css[i] === "}") depth--;
      }
      at = i;
    }
    outside += css.slice(at);
    for (const m of outside.matchAll(/color-mix\([^;]*(var\(|currentColor)[^;]*;/g)) unguarded.push(`${path}: ${m[0]}`);
  }
  expect(unguarded).toEqual([]);
});
