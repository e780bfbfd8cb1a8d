// A list to pick one item from (a server, a project), as a listbox: one tab stop, arrow keys,
// Home and End move, Enter or Space (or a click) picks. The current item is the selected option,
// so a screen reader says which one is in use.
import { createSignal, createUniqueId, For, type JSX } from "solid-js";
import "./servers.css";

export interface PickerProps<T> {
  /** The listbox's accessible name. */
  label: string;
  items: readonly T[];
  isCurrent: (item: T) => boolean;
  onPick: (item: T) => void;
  /** An option's content. */
  children: (item: T) => JSX.Element;
  /** While true, picks are ignored (an earlier pick is still being carried out). */
  busy?: boolean;
}

export default function Picker<T>(props: PickerProps<T>) {
  const base = createUniqueId();
  const optionId = (index: number) => `${base}-option-${index}`;
  const [moved, setMoved] = createSignal<number>();
  /** The option the keys act on: where the user moved, else the current item, else the first. */
  const active = () => {
    const index = moved();
    if (index !== undefined && index < props.items.length) return index;
    return Math.max(0, props.items.findIndex((item) => props.isCurrent(item)));
  };
  const pick = (index: number) => {
    const item = props.items[index];
    if (item === undefined || props.busy) return;
    setMoved(index);
    props.onPick(item);
  };
  const move = (index: number, list: HTMLElement) => {
    setMoved(index);
    // jsdom has no scrollIntoView; WebKit does.
    const option = list.children.item(index);
    if (option && "scrollIntoView" in option) option.scrollIntoView({ block: "nearest" });
  };
  const onKeyDown = (event: KeyboardEvent & { currentTarget: HTMLUListElement }) => {
    const last = props.items.length - 1;
    if (last < 0) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => { move(Math.min(active() + 1, last), event.currentTarget); },
      ArrowUp: () => { move(Math.max(active() - 1, 0), event.currentTarget); },
      Home: () => { move(0, event.currentTarget); },
      End: () => { move(last, event.currentTarget); },
      Enter: () => { pick(active()); },
      " ": () => { pick(active()); },
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };
  return (
    <ul
      class="servers-picker"
      role="listbox"
      aria-label={props.label}
      tabindex="0"
      aria-activedescendant={props.items.length > 0 ? optionId(active()) : undefined}
      aria-busy={props.busy ? "true" : undefined}
      onKeyDown={onKeyDown}
    >
      <For each={props.items}>
        {(item, index) => (
          <li
            id={optionId(index())}
            role="option"
            class="servers-picker-option"
            classList={{ "servers-picker-active": index() === active() }}
            aria-selected={props.isCurrent(item)}
            onClick={() => { pick(index()); }}
          >
            {props.children(item)}
          </li>
        )}
      </For>
    </ul>
  );
}
