import { describe, expect, it } from "vitest";

/** The custom properties declared in the first `selector {…}` block of `css`. */
function tokens(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start).toBeGreaterThanOrEqual(0);
  const block = css.slice(start, css.indexOf("}", start));
  const found: Record<string, string> = {};
  for (const [, name = "", value = ""] of block.matchAll(/(--[\w-]+):\s*([^;]+);/g)) found[name] = value;
  return found;
}

/** The stylesheet's text, from disk: Vitest stubs CSS imports (as lib/theme.test.ts explains). */
async function source(name: string): Promise<string> {
  const fsModule = "node:fs";
  const fs = (await import(/* @vite-ignore */ fsModule)) as {
    readFileSync: (path: string, encoding: "utf8") => string;
  };
  const here = (import.meta as unknown as { dirname: string }).dirname;
  return fs.readFileSync(`${here}/${name}`, "utf8");
}

describe("hljs.css, the code theme", async () => {
  const css = await source("hljs.css");

  it("has the same dark values for a dark theme chosen and for the OS's dark before one is", () => {
    const chosen = tokens(css, ':root[data-theme="dark"]');
    expect(Object.keys(chosen).length).toBeGreaterThan(10);
    expect(tokens(css, ":root:not([data-theme])")).toEqual(chosen);
  });

  it("gives every dark value a light one", () => {
    const light = tokens(css, ":root");
    for (const name of Object.keys(tokens(css, ':root[data-theme="dark"]'))) expect(light).toHaveProperty(name);
  });
});
