// One search box for the project: text (ripgrep), file names, or symbols (language servers).
// Typing waits for a pause before asking the server, and an answer to anything but the latest
// question is dropped, so fast typing never shows results for an older query. Focus stays in the
// box; arrows move through the results (aria-activedescendant) and Enter opens one.
import { createEffect, createSignal, createUniqueId, For, on, onCleanup, Show } from "solid-js";
import type { Backend } from "../../ipc";
import { explainFailure, type Failure } from "../../lib/files";
import {
  fileHits,
  summarize,
  symbolHits,
  textHits,
  type SearchHit,
  type SearchMode,
} from "./searchModel";
import "./files.css";

/** Pause in typing before a search is sent, in milliseconds. */
export const DEBOUNCE_MS = 150;
/** File-name results asked of the server. */
const FILE_LIMIT = 100;

export type FileSearchApi = Pick<Backend, "findText" | "findFiles" | "findSymbols">;

export interface FileSearchProps {
  api: FileSearchApi;
  serverId: string;
  /** The project's absolute directory, to turn symbol locations into project paths. */
  directory: string;
  /** A result was picked: a project path (folders end with "/") and the line, if any. */
  onOpen: (path: string, line?: number) => void;
}

const MODES: { mode: SearchMode; label: string; field: string; placeholder: string }[] = [
  { mode: "text", label: "Text", field: "Search text in files", placeholder: "Search text…" },
  { mode: "files", label: "Files", field: "Find files by name", placeholder: "Find a file…" },
  { mode: "symbols", label: "Symbols", field: "Find symbols", placeholder: "Find a symbol…" },
];

type Outcome =
  | { status: "idle" }
  | { status: "searching"; hits: SearchHit[] }
  | { status: "done"; hits: SearchHit[]; total: number; query: string; mode: SearchMode }
  | { status: "failed"; failure: Failure };

export default function FileSearch(props: FileSearchProps) {
  const listId = createUniqueId();
  const [mode, setMode] = createSignal<SearchMode>("text");
  const [query, setQuery] = createSignal("");
  const [outcome, setOutcome] = createSignal<Outcome>({ status: "idle" });
  const [active, setActive] = createSignal(-1);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;
  let list: HTMLUListElement | undefined;

  const hits = (): SearchHit[] => {
    const current = outcome();
    return current.status === "done" || current.status === "searching" ? current.hits : [];
  };

  const ask = async (searchMode: SearchMode, text: string) => {
    switch (searchMode) {
      case "text": {
        const matches = await props.api.findText(props.serverId, text);
        return { hits: textHits(matches), total: matches.length };
      }
      case "files": {
        const paths = await props.api.findFiles(props.serverId, text, FILE_LIMIT);
        return { hits: fileHits(paths), total: paths.length };
      }
      case "symbols": {
        const symbols = await props.api.findSymbols(props.serverId, text);
        return { hits: symbolHits(symbols, props.directory), total: symbols.length };
      }
    }
  };

  const run = async (mine: number, searchMode: SearchMode, text: string) => {
    // Earlier results stay listed (dimmed) while the new ones come, instead of flashing away.
    setOutcome((previous) => ({
      status: "searching",
      hits: previous.status === "done" || previous.status === "searching" ? previous.hits : [],
    }));
    try {
      const answer = await ask(searchMode, text);
      if (mine !== ticket) return;
      setOutcome({ status: "done", ...answer, query: text, mode: searchMode });
      setActive(answer.hits.length > 0 ? 0 : -1);
    } catch (error) {
      if (mine !== ticket) return;
      setOutcome({ status: "failed", failure: explainFailure(error) });
      setActive(-1);
    }
  };

  /** Starts a search for what the box holds now, after the typing pause unless `now`. */
  const schedule = (now: boolean) => {
    clearTimeout(timer);
    const mine = ++ticket;
    const searchMode = mode();
    // Text is a pattern whose spaces may matter; names and symbols are not.
    const text = searchMode === "text" ? query() : query().trim();
    if (text.trim() === "") {
      setOutcome({ status: "idle" });
      setActive(-1);
      return;
    }
    timer = setTimeout(() => void run(mine, searchMode, text), now ? 0 : DEBOUNCE_MS);
  };
  onCleanup(() => {
    clearTimeout(timer);
    ticket++;
  });

  // Another server or project: what was found belongs to the old one.
  createEffect(
    on(
      () => [props.serverId, props.directory],
      () => {
        schedule(true);
      },
      { defer: true },
    ),
  );

  const pick = (hit: SearchHit | undefined) => {
    if (!hit) return;
    if (hit.kind === "file") props.onOpen(hit.directory ? `${hit.path}/` : hit.path);
    else props.onOpen(hit.path, hit.line);
  };

  const moveTo = (index: number) => {
    setActive(index);
    // jsdom (tests) has no scrollIntoView; the engines the app runs in do.
    const option = list?.children[index];
    if (option instanceof HTMLElement && typeof option.scrollIntoView === "function") {
      option.scrollIntoView({ block: "nearest" });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = hits().length;
    switch (event.key) {
      case "ArrowDown":
        if (count === 0) return;
        event.preventDefault();
        moveTo(Math.min(active() + 1, count - 1));
        break;
      case "ArrowUp":
        if (count === 0) return;
        event.preventDefault();
        moveTo(Math.max(active() - 1, 0));
        break;
      case "Enter":
        if (event.isComposing) return;
        event.preventDefault();
        pick(hits()[Math.max(active(), 0)]);
        break;
      case "Escape":
        if (query() === "") return;
        event.preventDefault();
        setQuery("");
        schedule(true);
        break;
    }
  };

  const modeInfo = () => MODES.find((m) => m.mode === mode()) ?? MODES[0];

  return (
    <div class="files-search">
      <div class="files-search-modes" role="group" aria-label="Search for">
        <For each={MODES}>
          {(item) => (
            <button
              type="button"
              class="btn btn-small files-mode"
              aria-pressed={mode() === item.mode}
              onClick={() => {
                if (mode() === item.mode) return;
                setMode(item.mode);
                schedule(true);
              }}
            >
              {item.label}
            </button>
          )}
        </For>
      </div>
      <input
        class="field"
        type="search"
        role="combobox"
        aria-label={modeInfo()?.field}
        placeholder={modeInfo()?.placeholder}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-expanded={hits().length > 0}
        aria-activedescendant={active() >= 0 && hits().length > 0 ? `${listId}-${String(active())}` : undefined}
        spellcheck={false}
        autocomplete="off"
        value={query()}
        onInput={(event) => {
          setQuery(event.currentTarget.value);
          schedule(false);
        }}
        onKeyDown={onKeyDown}
      />
      <Show when={outcome().status === "searching"}>
        <p class="files-note" role="status">
          Searching…
        </p>
      </Show>
      <Show
        when={(() => {
          const current = outcome();
          return current.status === "failed" ? current.failure : undefined;
        })()}
      >
        {(failure) => (
          <p class="files-error" role="alert">
            Search failed. {failure().reason} {failure().hint}{" "}
            <button
              type="button"
              class="btn btn-small"
              onClick={() => {
                schedule(true);
              }}
            >
              Retry
            </button>
          </p>
        )}
      </Show>
      <Show
        when={(() => {
          const current = outcome();
          return current.status === "done" ? current : undefined;
        })()}
      >
        {(done) => (
          <p class="files-note" role="status">
            {done().hits.length === 0
              ? `No ${done().mode === "symbols" ? "symbols" : done().mode === "files" ? "files" : "matches"} for “${done().query.trim()}”.`
              : summarize(done().mode, done().hits, done().total)}
          </p>
        )}
      </Show>
      <ul
        id={listId}
        ref={(element) => {
          list = element;
        }}
        class="files-results"
        classList={{ "files-stale": outcome().status === "searching" }}
        role="listbox"
        aria-label="Search results"
        hidden={hits().length === 0}
      >
        <For each={hits()}>
          {(hit, index) => (
            <li
              id={`${listId}-${String(index())}`}
              role="option"
              class="files-hit"
              classList={{ "files-active": index() === active() }}
              aria-selected={index() === active()}
              // Keep focus in the box: the click picks, the keyboard stays where it was.
              onMouseDown={(event) => {
                event.preventDefault();
              }}
              onClick={() => {
                setActive(index());
                pick(hit);
              }}
            >
              <HitView hit={hit} />
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

function HitView(props: { hit: SearchHit }) {
  const place = (path: string, line?: number) => (line === undefined ? path : `${path}:${String(line)}`);
  const hit = props.hit;
  switch (hit.kind) {
    case "text":
      return (
        <>
          <span class="files-hit-place">{place(hit.path, hit.line)}</span>
          <span class="files-hit-line">
            <For each={hit.segments}>
              {(segment) => (segment.match ? <mark>{segment.text}</mark> : segment.text)}
            </For>
          </span>
        </>
      );
    case "file":
      return (
        <span class="files-hit-place">
          {hit.directory ? `${hit.path}/` : hit.path}
          <Show when={hit.directory}>
            <span class="files-hit-kind"> folder</span>
          </Show>
        </span>
      );
    case "symbol":
      return (
        <>
          <span class="files-hit-name">
            {hit.name} <span class="files-hit-kind">{hit.symbolKind}</span>
          </span>
          <span class="files-hit-place">{place(hit.path, hit.line)}</span>
        </>
      );
  }
}
