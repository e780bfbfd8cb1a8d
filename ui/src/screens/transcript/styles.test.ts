import { expect, it } from "vitest";
import { stylesheet } from "../../test/stylesheets";

// The transcript's buttons are .btn primitives (components/primitives.css, issue 17): their own
// rules keep only how they differ (a pill, a size, a muted colour, a place), never a second copy
// of the button's font, border, background, cursor or focus ring.
it("leaves the look of a button to the .btn primitive, keeping only what differs", async () => {
  const buttons = /\.(msg-action|tx-retry|tx-jump|revert-banner-undo)\b/;
  const repeated = /(?:^|[;{\s])(font|border|background|cursor|outline|outline-offset)\s*:/;
  const found: string[] = [];
  for (const file of ["Transcript.css", "MessageActions.css", "RevertBanner.css", "PartView.css"]) {
    const css = (await stylesheet(`screens/transcript/${file}`)).replace(/\/\*[\s\S]*?\*\//g, "");
    for (const [, selector = "", body = ""] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      if (buttons.test(selector) && repeated.test(body)) found.push(`${file}: ${selector.trim()}`);
    }
  }
  expect(found).toEqual([]);
});
