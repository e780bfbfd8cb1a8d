import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal, Show } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import Menu, { type MenuCloseReason, type MenuItem } from "./Menu";

afterEach(cleanup);

/** An opener button and the menu it opens, as a screen would have them. */
function setup(items: MenuItem[]) {
  const closed: MenuCloseReason[] = [];
  const [open, setOpen] = createSignal(true);
  let opener: HTMLButtonElement | undefined;
  render(() => (
    <div>
      <button ref={(element) => (opener = element)} type="button" onClick={() => setOpen(true)}>
        Actions
      </button>
      <p>Elsewhere</p>
      <Show when={open()}>
        <Menu
          label="Actions for “Fix the build”"
          items={items}
          opener={opener}
          onClose={(reason) => {
            closed.push(reason);
            setOpen(false);
          }}
        />
      </Show>
    </div>
  ));
  return { closed, opener: () => opener };
}

const items = (onSelect = vi.fn()): MenuItem[] => [
  { label: "Rename", hint: "F2", onSelect },
  { label: "Summarize", disabled: true, onSelect },
  { label: "Delete", danger: true, onSelect },
];

describe("Menu", () => {
  it("is a named menu of items, the first focused, the arrows wrapping over the enabled ones", () => {
    setup(items());
    const menu = screen.getByRole("menu", { name: "Actions for “Fix the build”" });
    const [rename, , remove] = within(menu).getAllByRole("menuitem");
    expect(document.activeElement).toBe(rename);
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    expect(document.activeElement).toBe(remove);
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    expect(document.activeElement).toBe(rename);
    fireEvent.keyDown(menu, { key: "ArrowUp" });
    expect(document.activeElement).toBe(remove);
    fireEvent.keyDown(menu, { key: "Home" });
    expect(document.activeElement).toBe(rename);
    expect(remove?.classList.contains("menu-danger")).toBe(true);
    expect(rename?.querySelector("kbd")?.getAttribute("aria-hidden")).toBe("true");
  });

  it("gives the focus back to its opener when Escape or Tab closes it", () => {
    const { closed, opener } = setup(items());
    fireEvent.keyDown(screen.getByRole("menu"), { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(opener());
    expect(closed).toEqual(["escape"]);
  });

  it("runs the chosen item's action and closes; a click outside closes it too", () => {
    const onSelect = vi.fn();
    const { closed } = setup(items(onSelect));
    within(screen.getByRole("menu")).getByRole("menuitem", { name: /Rename/ }).click();
    expect(onSelect).toHaveBeenCalledOnce();
    expect(closed).toEqual(["select"]);
    screen.getByRole("button", { name: "Actions" }).click();
    expect(screen.getByRole("menu")).toBeTruthy();
    fireEvent.mouseDown(screen.getByText("Elsewhere"));
    expect(screen.queryByRole("menu")).toBeNull();
    expect(closed).toEqual(["select", "outside"]);
  });
});
