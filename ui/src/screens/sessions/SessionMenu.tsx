// A session's action menu (Rename, Fork, Copy share link, Summarize, Open in terminal, Delete),
// opened from the row's "Session actions" button. Menu keyboard rules: focus starts on the first
// item, arrows move (wrapping), Home/End jump, Enter/Space choose, Escape or Tab close, and a
// click outside closes it.
import { For, onCleanup, onMount, Show } from "solid-js";

export interface SessionMenuItem {
  label: string;
  /** A key hint shown at the right ("F2", "Del"). */
  hint?: string;
  disabled?: boolean;
  danger?: boolean;
  onSelect: () => void;
}

/** Why the menu closed: after "escape" and "tab" the opener gets the focus back. */
export type MenuCloseReason = "select" | "escape" | "tab" | "outside";

export interface SessionMenuProps {
  /** The menu's accessible name ("Actions for “Fix the build”"). */
  label: string;
  items: readonly SessionMenuItem[];
  onClose: (reason: MenuCloseReason) => void;
  /** The button that opened the menu: a click on it is not a click outside. */
  opener?: HTMLElement | undefined;
}

export default function SessionMenu(props: SessionMenuProps) {
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

  onMount(() => {
    move("first");
    const onPointer = (event: MouseEvent) => {
      const target = event.target;
      if (!(target instanceof Node)) return;
      if (menu?.contains(target) || props.opener?.contains(target)) return;
      props.onClose("outside");
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
        props.onClose("escape");
        break;
      case "Tab":
        props.onClose("tab");
        break;
      default:
        return;
    }
    event.preventDefault();
    // The row under the menu has its own arrow keys; they must not act as well.
    event.stopPropagation();
  };

  return (
    <ul ref={(element) => (menu = element)} class="sl-menu" role="menu" aria-label={props.label} onKeyDown={onKeyDown}>
      <For each={props.items}>
        {(item) => (
          <li role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              class="sl-menu-item"
              classList={{ "sl-menu-danger": item.danger === true }}
              disabled={item.disabled}
              onClick={() => {
                props.onClose("select");
                item.onSelect();
              }}
            >
              <span>{item.label}</span>
              <Show when={item.hint}>
                {(hint) => (
                  <kbd class="sl-menu-hint" aria-hidden="true">
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
