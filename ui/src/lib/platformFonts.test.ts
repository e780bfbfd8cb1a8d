import { afterEach, expect, it } from "vitest";
import { stylesheet, stylesheetPaths, tokens } from "../test/stylesheets";
import { markPlatform, monospaceFamily } from "./platformFonts";

afterEach(() => {
  delete document.documentElement.dataset.platform;
  document.documentElement.style.removeProperty("--font-mono");
});

it("marks Linux for its generic font families, and nothing else", () => {
  const root = document.documentElement;
  markPlatform(root, "MacIntel");
  markPlatform(root, "Win32");
  markPlatform(root, "Linux armv8l; Android");
  expect(root.dataset.platform).toBeUndefined();
  markPlatform(root, "Linux x86_64");
  expect(root.dataset.platform).toBe("linux");
});

it("gives the monospace stack the stylesheet set, and a generic one without it", () => {
  expect(monospaceFamily()).toBe("monospace");
  document.documentElement.style.setProperty("--font-mono", ' "SF Mono", monospace');
  expect(monospaceFamily()).toBe('"SF Mono", monospace');
});

// Every stylesheet takes its fonts from the two stacks: one spelled out again would bring back
// the lookups on Linux (styles.css).
it("names font families only in the tokens: every stylesheet uses var(--font-sans) or var(--font-mono)", async () => {
  const files = await stylesheetPaths();
  const spelled: string[] = [];
  for (const file of files) {
    const css = (await stylesheet(file)).replace(/\/\*[\s\S]*?\*\//g, "");
    for (const [, value = ""] of css.matchAll(/font-family:\s*([^;]+);/g)) {
      if (!/^var\(--font-(sans|mono)\)$/.test(value.trim())) spelled.push(`${file}: ${value.trim()}`);
    }
  }
  expect(files.length).toBeGreaterThan(10);
  expect(spelled).toEqual([]);
  const linux = tokens(await stylesheet("styles.css"), ':root[data-platform="linux"]');
  expect(linux).toEqual({ "--font-sans": "system-ui, sans-serif", "--font-mono": "monospace" });
});
