// Tabs as WAI-ARIA describes them: a tablist whose tabs move with ←/→ (Home/End to the ends),
// one tab in the Tab order at a time, and only the chosen panel drawn (a hidden panel keeps no
// work running). Controlled: the owner keeps which tab is chosen, so it can open on any.
import { createUniqueId, For, type JSX, Show } from "solid-js";
import "./Tabs.css";

export interface Tab<Id extends string> {
  id: Id;
  label: string;
  panel: () => JSX.Element;
}

export interface TabsProps<Id extends string> {
  /** What the tablist is about, for assistive technology. */
  label: string;
  tabs: Tab<Id>[];
  chosen: Id;
  onChoose: (id: Id) => void;
}

export default function Tabs<Id extends string>(props: TabsProps<Id>) {
  const base = createUniqueId();
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = (id: string) => `${base}-panel-${id}`;

  const move = (event: KeyboardEvent) => {
    const ids = props.tabs.map((t) => t.id);
    const at = ids.indexOf(props.chosen);
    const to =
      event.key === "ArrowRight"
        ? (at + 1) % ids.length
        : event.key === "ArrowLeft"
          ? (at - 1 + ids.length) % ids.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? ids.length - 1
              : -1;
    const next = ids[to];
    if (next === undefined) return;
    event.preventDefault();
    props.onChoose(next);
    document.getElementById(tabId(next))?.focus();
  };

  const current = () => props.tabs.find((t) => t.id === props.chosen) ?? props.tabs[0];

  return (
    <div class="tabs">
      <div class="tabs-list" role="tablist" aria-label={props.label} onKeyDown={move}>
        <For each={props.tabs}>
          {(tab) => (
            <button
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={tab.id === props.chosen}
              aria-controls={panelId(tab.id)}
              tabIndex={tab.id === props.chosen ? 0 : -1}
              onClick={() => {
                props.onChoose(tab.id);
              }}
            >
              {tab.label}
            </button>
          )}
        </For>
      </div>
      <Show when={current()} keyed>
        {(tab) => (
          <div class="tabs-panel" role="tabpanel" id={panelId(tab.id)} aria-labelledby={tabId(tab.id)}>
            {tab.panel()}
          </div>
        )}
      </Show>
    </div>
  );
}
