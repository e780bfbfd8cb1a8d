// The list of completions above the composer (commands after "/", files after "@"). Focus stays
// in the text box: it owns the keys and points at the active option with aria-activedescendant,
// so this list only shows and takes clicks.
import { createEffect, For, Show } from "solid-js";

export interface CompletionItem {
  /** What is inserted, e.g. "/review" or "@src/app.ts"; also the option's visible name. */
  label: string;
  detail?: string;
}

export interface CompletionPopupProps {
  /** The listbox's id, for the text box's aria-controls. */
  id: string;
  /** What the list holds ("Commands", "Files"). */
  label: string;
  items: readonly CompletionItem[];
  active: number;
  /** Shown instead of the options when there are none: "Searching…", "No matching files". */
  status?: string;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
}

/** The DOM id of option `index` in the popup `id`. */
export function optionId(id: string, index: number): string {
  return `${id}-option-${index}`;
}

export default function CompletionPopup(props: CompletionPopupProps) {
  let list: HTMLUListElement | undefined;
  // Keep the active option in view as the arrow keys move through a long list.
  createEffect(() => {
    const option = list?.children.item(props.active);
    // Optional call: jsdom has no scrollIntoView.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    option?.scrollIntoView?.({ block: "nearest" });
  });

  return (
    <div class="compose-popup">
      <ul ref={(element) => (list = element)} id={props.id} role="listbox" aria-label={props.label}>
        <For each={props.items}>
          {(item, index) => (
            <li
              id={optionId(props.id, index())}
              role="option"
              aria-selected={index() === props.active}
              class="compose-option"
              // mousedown would move focus out of the text box before the click lands.
              onMouseDown={(event) => {
                event.preventDefault();
              }}
              onMouseMove={() => {
                if (index() !== props.active) props.onHover(index());
              }}
              onClick={() => {
                props.onPick(index());
              }}
            >
              <span class="compose-option-label">{item.label}</span>
              <Show when={item.detail}>
                {(detail) => <span class="compose-option-detail">{detail()}</span>}
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.items.length === 0 && props.status}>
        {(status) => (
          <p class="compose-popup-status" role="status">
            {status()}
          </p>
        )}
      </Show>
    </div>
  );
}
