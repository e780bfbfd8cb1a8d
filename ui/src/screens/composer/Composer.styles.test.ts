// The composer's field is repainted on every key typed: under software rendering (WebKitGTK
// without a GPU) a blurred shadow on it made each key take 43 ms to paint instead of 10
// (scripts/bench-app.sh, key → paint at rest). Its frame and focus ring stay unblurred.
import { expect, it } from "vitest";
import { stylesheet } from "../../test/stylesheets";

/** Every declaration block of `css` whose selector list mentions `.compose-box`. */
function boxRules(css: string): string[] {
  return [...css.matchAll(/([^{}]*\.compose-box[^{}]*)\{([^}]*)\}/g)].map((m) => m[2] ?? "");
}

it("the composer's field casts no shadow (it repaints on every key)", async () => {
  const rules = boxRules(await stylesheet("screens/composer/Composer.css"));
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules) expect(rule).not.toMatch(/box-shadow/);
});
