import { createRoot, createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { applyTheme, DARK_SCHEME_QUERY, followTheme, resolveTheme, type ThemeTarget } from "./theme";
import { stylesheet, tokens } from "../test/stylesheets";

/** A stand-in for matchMedia's result whose preference the test flips. */
class FakeScheme extends EventTarget {
  readonly media = DARK_SCHEME_QUERY;
  listeners = 0;
  constructor(public matches: boolean) {
    super();
  }
  override addEventListener(...args: Parameters<EventTarget["addEventListener"]>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
  }
  flip(matches: boolean) {
    this.matches = matches;
    this.dispatchEvent(new Event("change"));
  }
}

function target(prefersDark: boolean) {
  const scheme = new FakeScheme(prefersDark);
  const root = document.createElement("html");
  const t: ThemeTarget = { root, darkScheme: scheme as unknown as MediaQueryList };
  return { scheme, root, target: t };
}

describe("resolveTheme", () => {
  it.each([
    ["system", false, "light"],
    ["system", true, "dark"],
    ["light", true, "light"],
    ["dark", false, "dark"],
  ] as const)("%s with the OS preferring dark=%s shows %s", (choice, dark, shown) => {
    expect(resolveTheme(choice, dark)).toBe(shown);
  });
});

describe("applyTheme", () => {
  it("forces light or dark whatever the OS says, and does not listen", () => {
    const { scheme, root, target: t } = target(true);
    applyTheme("light", t);
    expect(root.dataset["theme"]).toBe("light");
    scheme.flip(false);
    applyTheme("dark", t);
    expect(root.dataset["theme"]).toBe("dark");
    expect(scheme.listeners).toBe(0);
  });

  it("follows the OS for system, until stopped", () => {
    const { scheme, root, target: t } = target(false);
    const stop = applyTheme("system", t);
    expect(root.dataset["theme"]).toBe("light");
    scheme.flip(true);
    expect(root.dataset["theme"]).toBe("dark");
    stop();
    expect(scheme.listeners).toBe(0);
    scheme.flip(false);
    expect(root.dataset["theme"]).toBe("dark");
  });

  it("reads as light without matchMedia", () => {
    const root = document.createElement("html");
    applyTheme("system", { root });
    expect(root.dataset["theme"]).toBe("light");
  });

  it("applies to the document by default", () => {
    applyTheme("dark")();
    expect(document.documentElement.dataset["theme"]).toBe("dark");
    delete document.documentElement.dataset["theme"];
  });
});

describe("followTheme", () => {
  it("re-applies when the choice changes and stops listening when disposed", () => {
    const { scheme, root, target: t } = target(true);
    const [choice, setChoice] = createSignal<"system" | "light" | "dark">("system");
    const dispose = createRoot((d) => {
      followTheme(choice, () => t);
      return d;
    });
    expect(root.dataset["theme"]).toBe("dark");
    expect(scheme.listeners).toBe(1);
    setChoice("light");
    expect(root.dataset["theme"]).toBe("light");
    expect(scheme.listeners).toBe(0);
    setChoice("system");
    expect(scheme.listeners).toBe(1);
    dispose();
    expect(scheme.listeners).toBe(0);
  });
});

describe("theme.css", async () => {
  const stylesCss = await stylesheet("styles.css");
  const themeCss = await stylesheet("lib/theme.css");
  const light = tokens(stylesCss, ":root");
  const dark = tokens(stylesCss, ":root", stylesCss.indexOf("prefers-color-scheme: dark"));

  it("repeats styles.css's light and dark tokens exactly", () => {
    expect(Object.keys(light).length).toBeGreaterThan(5);
    expect(tokens(themeCss, ':root[data-theme="light"]')).toEqual(light);
    expect(tokens(themeCss, ':root[data-theme="dark"]')).toEqual(dark);
  });

  it("sets the colour scheme for native controls", () => {
    expect(themeCss).toMatch(/data-theme="light"\] \{\s*color-scheme: light;/);
    expect(themeCss).toMatch(/data-theme="dark"\] \{\s*color-scheme: dark;/);
  });
});
