// What stays on screen is repainted with every frame a key or a streamed token makes: under
// software rendering (WebKitGTK without a GPU, where the app turns compositing off) a blurred
// shadow costs milliseconds each time. Measured with scripts/bench-app.sh and a key → paint probe
// at rest: a blurred shadow on the composer's field made a key 43 ms instead of 10, the one on the
// current session's row added 5 ms. So a blur is only for overlays (`--shadow-overlay`: menus,
// dialogs, toasts, popups), which come and go; everything else draws edges with unblurred lines.
import { expect, it } from "vitest";
import { stylesheet, stylesheetPaths } from "../test/stylesheets";

/** Splits a box-shadow value into its layers (commas inside rgb(), var() and the like kept). */
export function shadowLayers(value: string): string[] {
  const layers: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "(") depth++;
    else if (value[i] === ")") depth--;
    else if (value[i] === "," && depth === 0) {
      layers.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  layers.push(value.slice(start).trim());
  return layers;
}

/** A layer with a blur: a third length (x y blur [spread]) other than 0, or a shadow token. */
export function blurred(layer: string): boolean {
  if (layer === "none") return false;
  if (/var\(--shadow-/.test(layer)) return true;
  const lengths = layer
    .replace(/\b(rgba?|hsla?|color-mix|var)\([^()]*(\([^()]*\)[^()]*)*\)/g, "")
    .split(/\s+/)
    .filter((word) => /^-?[\d.]+(px|rem|em)?$/.test(word));
  return lengths.length >= 3 && Number.parseFloat(lengths[2] ?? "0") !== 0;
}

it("tells a blurred shadow layer from an unblurred one", () => {
  expect(shadowLayers("inset 3px 0 0 var(--accent), 0 1px 3px rgb(0 0 0 / 30%)")).toEqual([
    "inset 3px 0 0 var(--accent)",
    "0 1px 3px rgb(0 0 0 / 30%)",
  ]);
  expect(blurred("inset 3px 0 0 var(--accent)")).toBe(false);
  expect(blurred("0 0 0 2px color-mix(in srgb, var(--tone) 30%, transparent)")).toBe(false);
  expect(blurred("0 1px 3px rgb(0 0 0 / 30%)")).toBe(true);
  expect(blurred("var(--shadow-overlay)")).toBe(true);
});

it("casts a blurred shadow only from overlays", async () => {
  const offenders: string[] = [];
  const overlayFiles = new Set<string>();
  for (const path of await stylesheetPaths()) {
    const css = (await stylesheet(path)).replace(/\/\*[\s\S]*?\*\//g, "");
    for (const rule of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const selector = (rule[1] ?? "").trim();
      for (const declaration of (rule[2] ?? "").matchAll(/box-shadow:\s*([^;]+)/g)) {
        const layers = shadowLayers(declaration[1] ?? "").filter(blurred);
        if (layers.length === 0) continue;
        // The token is the overlays' shadow; any other blur is drawn on something that stays.
        if (layers.every((layer) => layer === "var(--shadow-overlay)")) overlayFiles.add(path);
        else offenders.push(`${path}: ${selector} { box-shadow: ${declaration[1]} }`);
      }
    }
  }
  expect(offenders).toEqual([]);
  // The overlays themselves: a new one is added here on purpose, after a look at what it covers.
  expect([...overlayFiles].sort()).toEqual([
    "components/Menu.css",
    "components/Modal.css",
    "components/Toasts.css",
    "screens/composer/Composer.css",
    "screens/composer/ModelPicker.css",
  ]);
});
