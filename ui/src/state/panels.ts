// The window's side panel: which one is open (Files, Changes, Todos, or none), which changes the
// Changes panel shows (the open session's or the working tree's, kept while it is closed), and the
// file the Files panel is asked to show, at a line: a click on a file's name in a tool line or a
// diff opens the Files panel there. Plain signals, so App.tsx only lays the panels out.
import { batch, createEffect, createSignal, on } from "solid-js";
import type { ChangesView } from "../screens/changes/ChangesPanel";
import type { OpenRequest } from "../screens/files/FilesPanel";

export type SidePanel = "files" | "changes" | "todos";

export type Panels = ReturnType<typeof createPanels>;

/** `place` names the project shown: a file asked for in one project means nothing in another. */
export function createPanels(place: () => string) {
  const [panel, setPanel] = createSignal<SidePanel>();
  const [changesView, setChangesView] = createSignal<ChangesView>("session");
  const [openRequest, setOpenRequest] = createSignal<OpenRequest>();

  createEffect(
    on(
      place,
      () => {
        setOpenRequest(undefined);
      },
      { defer: true },
    ),
  );

  return {
    panel,
    toggle: (which: SidePanel) => {
      setPanel((open) => (open === which ? undefined : which));
    },
    changesView,
    setChangesView,
    /**
     * What the Files panel is asked to open; a new object each time, so asking again scrolls again.
     * Kept after it is shown: the Files panel, closed and opened again, starts on it.
     */
    openRequest,
    /** Shows `path` (relative to the project) in the Files panel, at a 1-based line if given. */
    openFile: (path: string, line?: number) => {
      batch(() => {
        setOpenRequest(line === undefined ? { path } : { path, line });
        setPanel("files");
      });
    },
  };
}
