import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, expect, it } from "vitest";
import Tabs from "./Tabs";

afterEach(cleanup);

function setup(first: "a" | "b" | "c" = "a") {
  const [chosen, setChosen] = createSignal<"a" | "b" | "c">(first);
  render(() => (
    <Tabs
      label="Parts"
      chosen={chosen()}
      onChoose={setChosen}
      tabs={[
        { id: "a", label: "Alpha", panel: () => <p>alpha panel</p> },
        { id: "b", label: "Beta", panel: () => <p>beta panel</p> },
        { id: "c", label: "Gamma", panel: () => <p>gamma panel</p> },
      ]}
    />
  ));
  return chosen;
}

it("draws only the chosen panel, labelled by its tab, and switches on a click", () => {
  setup("b");
  expect(screen.getByRole("tabpanel", { name: "Beta" }).textContent).toBe("beta panel");
  expect(screen.queryByText("alpha panel")).toBeNull();
  fireEvent.click(screen.getByRole("tab", { name: "Gamma" }));
  expect(screen.getByRole("tabpanel", { name: "Gamma" }).textContent).toBe("gamma panel");
  expect(screen.getByRole("tab", { name: "Gamma" }).getAttribute("aria-selected")).toBe("true");
  expect(screen.getByRole("tab", { name: "Beta" }).getAttribute("aria-selected")).toBe("false");
});

it("moves with the arrow keys, wrapping, and Home/End, keeping one tab in the Tab order", () => {
  const chosen = setup("a");
  const list = screen.getByRole("tablist", { name: "Parts" });
  fireEvent.keyDown(list, { key: "ArrowLeft" });
  expect(chosen()).toBe("c");
  expect(document.activeElement).toBe(screen.getByRole("tab", { name: "Gamma" }));
  fireEvent.keyDown(list, { key: "ArrowRight" });
  expect(chosen()).toBe("a");
  fireEvent.keyDown(list, { key: "End" });
  expect(chosen()).toBe("c");
  fireEvent.keyDown(list, { key: "Home" });
  expect(chosen()).toBe("a");
  const inOrder = screen.getAllByRole("tab").filter((tab) => tab.tabIndex === 0);
  expect(inOrder.map((tab) => tab.textContent)).toEqual(["Alpha"]);
});
