import { createRoot, createSignal } from "solid-js";
import { afterEach, expect, it } from "vitest";
import { createPanels } from "./panels";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

function setup() {
  const [place, setPlace] = createSignal("srv\n/p");
  const panels = createRoot((d) => {
    dispose = d;
    return createPanels(place);
  });
  return { panels, setPlace };
}

it("opens a file in the Files panel, a new request each time, even for the same place", () => {
  const { panels } = setup();
  panels.openFile("src/a.ts", 12);
  expect(panels.panel()).toBe("files");
  const first = panels.openRequest();
  expect(first).toEqual({ path: "src/a.ts", line: 12 });
  panels.openFile("src/a.ts", 12);
  expect(panels.openRequest()).not.toBe(first);
  panels.openFile("README.md");
  expect(panels.openRequest()).toEqual({ path: "README.md" });
});

it("toggles a panel, and another replaces it", () => {
  const { panels } = setup();
  panels.toggle("changes");
  expect(panels.panel()).toBe("changes");
  panels.toggle("todos");
  expect(panels.panel()).toBe("todos");
  panels.toggle("todos");
  expect(panels.panel()).toBeUndefined();
});

it("forgets the file asked for when another project is shown", async () => {
  const { panels, setPlace } = setup();
  panels.openFile("src/a.ts", 3);
  setPlace("srv\n/other");
  await Promise.resolve();
  expect(panels.openRequest()).toBeUndefined();
});
