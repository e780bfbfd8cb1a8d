// Tests that read stylesheets as text: Vitest stubs every CSS import (even `?raw`) to "", so the
// file is read from disk; the specifier is a variable because the app's tsconfig has no Node
// types, on purpose. Imported by tests only.
import { expect } from "vitest";

/** The text of the stylesheet at `path`, relative to ui/src (e.g. "components/hljs.css"). */
export async function stylesheet(path: string): Promise<string> {
  const fsModule = "node:fs";
  const fs = (await import(/* @vite-ignore */ fsModule)) as {
    readFileSync: (path: string, encoding: "utf8") => string;
  };
  const here = (import.meta as unknown as { dirname: string }).dirname;
  return fs.readFileSync(`${here}/../${path}`, "utf8");
}

/** Every .css file under ui/src, relative to it (as `stylesheet` takes them). */
export async function stylesheetPaths(): Promise<string[]> {
  const fsModule = "node:fs";
  const fs = (await import(/* @vite-ignore */ fsModule)) as {
    readdirSync: (path: string, options: { recursive: true }) => string[];
  };
  const here = (import.meta as unknown as { dirname: string }).dirname;
  return fs.readdirSync(`${here}/..`, { recursive: true }).filter((p) => p.endsWith(".css"));
}

/** The custom properties declared in the first `selector {…}` block of `css` at or after `from`. */
export function tokens(css: string, selector: string, from = 0): Record<string, string> {
  const start = css.indexOf(`${selector} {`, from);
  expect(start).toBeGreaterThanOrEqual(0);
  const block = css.slice(start, css.indexOf("}", start));
  const found: Record<string, string> = {};
  for (const [, name = "", value = ""] of block.matchAll(/(--[\w-]+):\s*([^;]+);/g)) found[name] = value;
  return found;
}
