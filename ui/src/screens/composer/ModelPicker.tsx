// Which model the next prompt uses. A button shows the current model and its provider (a
// select-only combobox to assistive technology, as a native select is); it opens a list with a
// search field: type to filter by name, id or provider, ↑/↓ to move, Enter to pick, Esc to close
// (the focus goes back to the button). Favourites and recent models come first; each row says its
// context size and price where the catalog has them. Ctrl+F (as in the TUI) or the star marks a
// favourite. The rows are built once per model list; a keystroke only filters them.
import { createMemo, createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import type { ConfigProviders, ModelRef } from "../../ipc";
import { modelPrefs, type ModelPrefsState } from "../../state/modelPrefs";
import { sameModel } from "./choices";
import { modelKey, modelRows, sections, type ModelRow } from "./ModelPicker.rows";
import "./ModelPicker.css";

export interface ModelPickerProps {
  /** The server's configured models; undefined while they load. */
  models: ConfigProviders | undefined;
  value: ModelRef | undefined;
  onChange: (model: ModelRef) => void;
  /** Receives the button that opens the list (the shell focuses it when a program asks for it). */
  ref?: (element: HTMLButtonElement) => void;
  /** Opens the Providers dialog; offered while no provider of the user's own is configured. */
  onConnectProvider?: () => void;
  /** Favourite and recent models; the window's own (kept by Rust) unless a test gives others. */
  prefs?: ModelPrefsState;
}

/**
 * The server has no provider of the user's own: only the one a fresh OpenCode has (its free
 * default, a first run), or none at all (no model can answer). Unknown while models load.
 */
export function needsProvider(models: ConfigProviders | undefined): boolean {
  return models !== undefined && models.providers.every((p) => p.id === "opencode");
}

const PAGE = 10;

export default function ModelPicker(props: ModelPickerProps) {
  const ids = `model-picker-${createUniqueId()}`;
  const prefs = props.prefs ?? modelPrefs();
  let root: HTMLDivElement | undefined;
  let trigger: HTMLButtonElement | undefined;
  let search: HTMLInputElement | undefined;
  let list: HTMLDivElement | undefined;

  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal("");
  const [active, setActive] = createSignal<string>();

  const rows = createMemo(() => modelRows(props.models));
  const current = createMemo(() => rows().find((row) => sameModel(row.ref, props.value)));
  const favorites = createMemo(() => new Set(prefs.favorite().map(modelKey)));
  // Only while open: a closed picker does no work per keystroke elsewhere in the composer.
  const shown = createMemo(() =>
    open() ? sections(rows(), { favorite: prefs.favorite(), recent: prefs.recent() }, query()) : [],
  );
  const flat = createMemo(() => shown().flatMap((section) => section.rows));
  // Sections are new objects at every keystroke; drawn by id (a string, equal from one keystroke
  // to the next) and their rows by identity, the DOM of a row that stays is kept, not redrawn.
  const sectionIds = createMemo(() => shown().map((section) => section.id));
  const sectionById = createMemo(() => new Map(shown().map((section) => [section.id, section])));
  const activeRow = createMemo(() => {
    const key = active();
    return flat().find((row) => modelKey(row.ref) === key) ?? flat()[0];
  });
  const optionId = (row: ModelRow) => `${ids}-option-${row.index}`;
  // Provider ids may hold spaces, which would split an aria-labelledby list.
  const headerId = (sectionId: string) => `${ids}-section-${sectionId.replace(/[^\w-]/g, "_")}`;

  const reveal = (row: ModelRow | undefined) => {
    if (!row) return;
    setActive(modelKey(row.ref));
    // Not in jsdom; in WebKit it keeps the active row in view as the arrows move it.
    queueMicrotask(() => {
      const option = document.getElementById(optionId(row));
      if (typeof option?.scrollIntoView === "function") option.scrollIntoView({ block: "nearest" });
    });
  };

  const show = (typed = "") => {
    setQuery(typed);
    setOpen(true);
    const at = current();
    setActive(at ? modelKey(at.ref) : undefined);
    queueMicrotask(() => {
      search?.focus();
      reveal(activeRow());
    });
  };

  const close = (refocus: boolean) => {
    setOpen(false);
    setQuery("");
    if (refocus) trigger?.focus();
  };

  const choose = (row: ModelRow) => {
    props.onChange(row.ref);
    prefs.noteUsed(row.ref);
    close(true);
  };

  const move = (by: number) => {
    const all = flat();
    if (all.length === 0) return;
    const at = activeRow();
    const index = at ? all.indexOf(at) : -1;
    const next = by === Infinity ? all.length - 1 : by === -Infinity ? 0 : index + by;
    // Single steps wrap round; page steps stop at the ends.
    const wrapped = Math.abs(by) === 1 ? (next + all.length) % all.length : Math.max(0, Math.min(all.length - 1, next));
    reveal(all[wrapped]);
  };

  const onSearchKey = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => {
        move(1);
      },
      ArrowUp: () => {
        move(-1);
      },
      PageDown: () => {
        move(PAGE);
      },
      PageUp: () => {
        move(-PAGE);
      },
      Enter: () => {
        const row = activeRow();
        if (row) choose(row);
      },
      Escape: () => {
        close(true);
      },
    };
    if (event.ctrlKey && event.key.toLowerCase() === "f") {
      event.preventDefault();
      const row = activeRow();
      if (row) prefs.toggleFavorite(row.ref);
      return;
    }
    if (event.key === "Tab") {
      close(false);
      return;
    }
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const onTriggerKey = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      show();
    } else if (event.key.length === 1 && event.key !== " " && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing on the closed picker starts a search with that letter.
      event.preventDefault();
      show(event.key);
    }
  };

  // A press anywhere outside closes the list, leaving the focus where the press put it.
  const onOutside = (event: PointerEvent) => {
    if (open() && root && event.target instanceof Node && !root.contains(event.target)) close(false);
  };
  document.addEventListener("pointerdown", onOutside);
  onCleanup(() => {
    document.removeEventListener("pointerdown", onOutside);
  });

  return (
    <div class="model-picker" ref={(element) => (root = element)}>
      <Show
        when={rows().length > 0}
        fallback={
          <button
            type="button"
            role="combobox"
            aria-expanded="false"
            class="compose-select model-picker-trigger"
            aria-label="Model"
            disabled
            ref={props.ref}
          >
            {props.models ? "No model available" : "Loading models…"}
          </button>
        }
      >
        <button
          type="button"
          role="combobox"
          class="compose-select model-picker-trigger"
          aria-label="Model"
          aria-haspopup="listbox"
          aria-expanded={open()}
          aria-controls={open() ? `${ids}-list` : undefined}
          title={current() ? `${current()?.name} (${current()?.providerName})` : undefined}
          ref={(element) => {
            trigger = element;
            props.ref?.(element);
          }}
          onClick={() => {
            if (open()) close(true);
            else show();
          }}
          onKeyDown={onTriggerKey}
        >
          <span class="model-picker-name">{current()?.name ?? "Choose a model"}</span>
          <Show when={current()}>
            {(row) => <span class="model-picker-provider">{row().providerName}</span>}
          </Show>
        </button>
        <Show when={open()}>
          <div class="model-picker-popover">
            <input
              ref={(element) => (search = element)}
              class="field model-picker-search"
              type="text"
              role="combobox"
              aria-label="Search models"
              aria-autocomplete="list"
              aria-expanded="true"
              aria-controls={`${ids}-list`}
              aria-activedescendant={activeRow() ? optionId(activeRow() as ModelRow) : undefined}
              placeholder="Search models"
              spellcheck={false}
              autocomplete="off"
              value={query()}
              onInput={(event) => {
                setQuery(event.currentTarget.value);
                setActive(undefined);
                if (list) list.scrollTop = 0;
              }}
              onKeyDown={onSearchKey}
            />
            <div id={`${ids}-list`} ref={(element) => (list = element)} role="listbox" aria-label="Models" class="model-picker-list">
              <For each={sectionIds()}>
                {(sectionId) => (
                  <div role="group" aria-labelledby={headerId(sectionId)}>
                    <div id={headerId(sectionId)} class="model-picker-section" role="presentation">
                      {sectionById().get(sectionId)?.label}
                    </div>
                    <For each={sectionById().get(sectionId)?.rows ?? []}>
                      {(row) => (
                        <Row
                          row={row}
                          id={optionId(row)}
                          // Under its provider's own heading the provider would only repeat it.
                          showProvider={!sectionId.startsWith("provider:")}
                          active={activeRow() === row}
                          selected={current() === row}
                          favorite={favorites().has(modelKey(row.ref))}
                          onPick={() => {
                            choose(row);
                          }}
                          onHover={() => setActive(modelKey(row.ref))}
                          onStar={() => {
                            prefs.toggleFavorite(row.ref);
                          }}
                        />
                      )}
                    </For>
                  </div>
                )}
              </For>
            </div>
            {/* Outside the listbox (which may hold only options); read out as the filter changes. */}
            <p class="model-picker-empty" role="status">
              {flat().length === 0
                ? `No model matches “${query()}”.`
                : query().trim() === ""
                  ? ""
                  : `${flat().length} ${flat().length === 1 ? "model" : "models"}`}
            </p>
            <p class="model-picker-hint">
              ↑↓ move · Enter picks · Ctrl+F favourite · prices per million tokens in / out
            </p>
            <Show when={prefs.problem()}>
              {(problem) => (
                <p class="model-picker-problem" role="alert">
                  {problem()}
                </p>
              )}
            </Show>
          </div>
        </Show>
      </Show>
      <Show when={props.onConnectProvider && needsProvider(props.models)}>
        <button type="button" class="compose-connect" onClick={() => props.onConnectProvider?.()}>
          Connect a provider
        </button>
      </Show>
    </div>
  );
}

function Row(props: {
  row: ModelRow;
  id: string;
  active: boolean;
  selected: boolean;
  favorite: boolean;
  showProvider: boolean;
  onPick: () => void;
  onHover: () => void;
  onStar: () => void;
}) {
  const details = () =>
    [
      props.row.providerName,
      props.row.context && `${props.row.context} context`,
      props.row.cost && (props.row.cost === "free" ? "free" : `${props.row.cost} per million tokens`),
      props.favorite && "favourite",
    ]
      .filter(Boolean)
      .join(", ");
  return (
    <div
      id={props.id}
      role="option"
      class="model-picker-option"
      classList={{ active: props.active }}
      aria-selected={props.selected}
      aria-labelledby={`${props.id}-name`}
      aria-describedby={`${props.id}-details`}
      // The search field keeps the focus; the list is driven from there.
      onMouseDown={(event) => {
        event.preventDefault();
      }}
      onMouseMove={() => {
        if (!props.active) props.onHover();
      }}
      onClick={() => {
        props.onPick();
      }}
    >
      <span id={`${props.id}-name`} class="model-picker-option-name">
        {props.row.name}
      </span>
      <span class="model-picker-option-provider">{props.showProvider ? props.row.providerName : ""}</span>
      <span class="model-picker-option-context">{props.row.context ?? ""}</span>
      <span class="model-picker-option-cost">{props.row.cost ?? ""}</span>
      <span id={`${props.id}-details`} hidden>
        {details()}
      </span>
      <button
        type="button"
        tabindex="-1"
        class="model-picker-star"
        classList={{ on: props.favorite }}
        aria-pressed={props.favorite}
        aria-label={`Favourite ${props.row.name}`}
        title={props.favorite ? "Remove from favourites (Ctrl+F)" : "Add to favourites (Ctrl+F)"}
        onClick={(event) => {
          event.stopPropagation();
          props.onStar();
        }}
      >
        {props.favorite ? "★" : "☆"}
      </button>
    </div>
  );
}
