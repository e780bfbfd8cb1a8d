import { describe, expect, it } from "vitest";
import { stylesheet, tokens } from "../test/stylesheets";

describe("hljs.css, the code theme", async () => {
  const css = await stylesheet("components/hljs.css");

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
