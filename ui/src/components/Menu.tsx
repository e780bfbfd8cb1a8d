// A menu of actions (role=menu) opened from a button: styled once (Menu.css); where it sits is
// the caller's (its `class`). Keyboard: focus starts on the first item, arrows move (wrapping),
// Home/End jump, Enter/Space choose (the items are buttons), Escape or Tab close and give the
// focus back to the opener; a click outside closes it.
import { For, onCleanup, onMount, Show } from "solid-js";
import "./Menu.css";

export interface MenuItem {
  label: string;
  /** A key hint shown at the right ("F2", "Del"). */
  hint?: string;
  disabled?: boolean;
  danger?: boolean;
  onSelect: () => void;
}

/** Why the menu closed: after "escape" and "tab" the opener already has the focus back. */
export type MenuCloseReason = "select" | "escape" | "tab" | "outside";

export interface MenuProps {
  /** The menu's accessible name ("Actions for “Fix the build”"). */
  label: string;
  items: readonly MenuItem[];
  onClose: (reason: MenuCloseReason) => void;
  /** The button that opened the menu: a click on it is not a click outside, and it gets the
      focus back when the keyboard closes the menu. */
  opener?: HTMLElement | undefined;
  /** Placement, from the caller's stylesheet. */
  class?: string;
}

export default function Menu(props: MenuProps) {
  let menu: HTMLUListElement | undefined;

  const items = () => [...(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];

  const move = (step: number | "first" | "last") => {
    const all = items();
    if (all.length === 0) return;
    const at = all.findIndex((item) => item === document.activeElement);
    let next: number;
    if (step === "first") next = 0;
    else if (step === "last") next = all.length - 1;
    else next = (at + step + all.length) % all.length;
    all[next]?.focus();
  };

  const close = (reason: MenuCloseReason) => {
    if (reason === "escape" || reason === "tab") props.opener?.focus();
    props.onClose(reason);
  };

  onMount(() => {
    move("first");
    const onPointer = (event: MouseEvent) => {
      const target = event.target;
      if (!(target instanceof Node)) return;
      if (menu?.contains(target) || props.opener?.contains(target)) return;
      close("outside");
    };
    document.addEventListener("mousedown", onPointer, true);
    onCleanup(() => {
      document.removeEventListener("mousedown", onPointer, true);
    });
  });

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case "ArrowDown":
        move(1);
        break;
      case "ArrowUp":
        move(-1);
        break;
      case "Home":
        move("first");
        break;
      case "End":
        move("last");
        break;
      case "Escape":
        close("escape");
        break;
      case "Tab":
        close("tab");
        break;
      default:
        return;
    }
    event.preventDefault();
    // What lies under the menu (a list row) may have its own arrow keys; they must not act too.
    event.stopPropagation();
  };

  return (
    <ul
      ref={(element) => (menu = element)}
      class={props.class ? `menu ${props.class}` : "menu"}
      role="menu"
      aria-label={props.label}
      onKeyDown={onKeyDown}
    >
      <For each={props.items}>
        {(item) => (
          <li role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              class="menu-item"
              classList={{ "menu-danger": item.danger === true }}
              disabled={item.disabled}
              onClick={() => {
                props.onClose("select");
                item.onSelect();
              }}
            >
              <span>{item.label}</span>
              <Show when={item.hint}>
                {(hint) => (
                  <kbd class="menu-hint" aria-hidden="true">
                    {hint()}
                  </kbd>
                )}
              </Show>
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
