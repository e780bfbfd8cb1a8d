// The composer's completion list: "/" offers the server's commands and "@" searches project
// paths (debounced, with only the latest answer shown). Owns the caret, the highlight and the word
// Escape closed the list on; what a pick does to the text is the composer's.
import { createEffect, createMemo, createSignal, on, onCleanup } from "solid-js";
import type { Command } from "../../ipc";
import type { CompletionItem } from "./CompletionPopup";
import { completionAt, filterCommands } from "./prompt-text";

/** How long typing must pause before the file search runs. */
export const FIND_DEBOUNCE_MS = 100;

export interface CompletionOptions {
  text: () => string;
  commands: () => readonly Command[];
  /** Project paths matching `query` (directories end with "/"). */
  findFiles: (query: string) => Promise<string[]>;
}

export function createCompletion(options: CompletionOptions) {
  const text = options.text;
const [caret, setCaret] = createSignal(0);
/** The word the user closed the list on with Escape; it stays closed for that word. */
const [dismissed, setDismissed] = createSignal<string>();
const [active, setActive] = createSignal(0);
const completion = createMemo(
  () => {
    const found = completionAt(text(), caret());
    if (!found || dismissed() === `${found.kind}:${found.start}`) return null;
    return found;
  },
  null,
  {
    equals: (a, b) =>
      a?.kind === b?.kind && a?.query === b?.query && a?.start === b?.start && a?.end === b?.end,
  },
);

const commandMatches = createMemo(() => {
  const found = completion();
  return found?.kind === "command" ? filterCommands(options.commands(), found.query) : [];
});

const [fileSearch, setFileSearch] = createSignal<{
  state: "searching" | "done" | "failed";
  paths: string[];
}>();
let searchSeq = 0;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
const fileQuery = createMemo(() => {
  const found = completion();
  return found?.kind === "file" ? found.query : null;
});
createEffect(
  on(fileQuery, (query) => {
    clearTimeout(searchTimer);
    // Answers to an older query are dropped: only the latest search may fill the list.
    const seq = ++searchSeq;
    if (query === null) {
      setFileSearch(undefined);
      return;
    }
    setFileSearch((previous) => ({ state: "searching", paths: previous?.paths ?? [] }));
    searchTimer = setTimeout(() => {
      options.findFiles(query).then(
        (paths) => {
          if (seq === searchSeq) setFileSearch({ state: "done", paths });
        },
        () => {
          if (seq === searchSeq) setFileSearch({ state: "failed", paths: [] });
        },
      );
    }, FIND_DEBOUNCE_MS);
  }),
);
onCleanup(() => {
  clearTimeout(searchTimer);
  searchSeq++;
});

const popup = createMemo(
  (): { label: string; items: CompletionItem[]; status?: string } | null => {
    const found = completion();
    if (found?.kind === "command") {
      const items = commandMatches().map((command) => ({
        label: `/${command.name}`,
        detail: command.description,
      }));
      return items.length > 0 ? { label: "Commands", items } : null;
    }
    if (found?.kind === "file") {
      const search = fileSearch();
      const items = (search?.paths ?? []).map((path) => ({ label: `@${path}` }));
      const status =
        search?.state === "failed"
          ? "File search failed."
          : search?.state === "done"
            ? "No matching files."
            : "Searching…";
      return { label: "Files", items, status };
    }
    return null;
  },
);
const items = () => popup()?.items ?? [];
// The list may shrink under the highlight as search results arrive.
const activeIndex = () => Math.min(active(), items().length - 1);
createEffect(on(completion, () => setActive(0)));

  const dismiss = () => {
    const found = completion();
    if (found) setDismissed(`${found.kind}:${found.start}`);
  };

  return { setCaret, setDismissed, setActive, completion, popup, items, activeIndex, dismiss };
}
