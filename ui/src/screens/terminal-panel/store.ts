// The terminal panel's state, with one writer: the functions returned here. Tabs of every server
// (a tab's screen lives as long as its tab, so switching servers or hiding the panel loses no
// scrollback), and per server its shells, its leftover PTYs, the chosen tab and the last failure.
// Output never comes here: it goes from the attachment straight to the screen.
import { createStore, produce } from "solid-js/store";
import { AppError } from "../../ipc";
import type * as PtyIpc from "../../ipc/pty";
import type { Pty, PtyShell, PtySize } from "../../ipc/pty";
import {
  applyEvent,
  DEFAULT_SIZE,
  leftoversOf,
  shellFor,
  statusOf,
  titleOf,
  type PtyEvent,
  type TabStatus,
} from "./model";

/** What the panel needs from the backend; tests pass fakes. */
export type TerminalApi = Pick<
  typeof PtyIpc,
  "ptyShells" | "ptyList" | "ptyCreate" | "attachPty" | "ptyResize" | "ptyClose" | "openLink"
>;

export interface TerminalTab {
  serverId: string;
  ptyId: string;
  title: string;
  status: TabStatus;
  /** The PTY's size on the server when this app made it; unknown (null) for one shown again. */
  size: PtySize | null;
}

export interface ServerTerminals {
  /** Empty until known (or when the server could not say): new terminals get its default. */
  shells: PtyShell[];
  /** The shell picked for the next new terminal (a path). */
  chosenShell: string | undefined;
  /** PTYs on the server that no tab shows (a crash, another run). */
  leftovers: Pty[];
  /** The chosen tab's PTY. */
  active: string | undefined;
  creating: boolean;
  /** Its PTYs have been looked at once (before that, "no terminal" is not known). */
  looked: boolean;
  /** The last failure, as a sentence. */
  error: string | undefined;
}

export interface TerminalsState {
  tabs: TerminalTab[];
  servers: Record<string, ServerTerminals>;
}

const NO_SERVER: ServerTerminals = {
  shells: [],
  chosenShell: undefined,
  leftovers: [],
  active: undefined,
  creating: false,
  looked: false,
  error: undefined,
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isGone = (error: unknown) => error instanceof AppError && error.kind === "NotFound";

export type TerminalStore = ReturnType<typeof createTerminalStore>;

export function createTerminalStore(api: TerminalApi) {
  const [state, setState] = createStore<TerminalsState>({ tabs: [], servers: {} });
  /** The last size a screen measured: a new PTY starts at it (not reactive: nothing draws it). */
  let lastSize: PtySize = DEFAULT_SIZE;
  /** Per server, the newest look at its PTYs: only its answer counts. */
  const looks = new Map<string, number>();

  const server = (serverId: string): ServerTerminals => state.servers[serverId] ?? NO_SERVER;
  const tabsOf = (serverId: string) => state.tabs.filter((tab) => tab.serverId === serverId);
  const shownIds = (serverId: string) => new Set(tabsOf(serverId).map((tab) => tab.ptyId));
  const edit = (serverId: string, change: (entry: ServerTerminals) => void) => {
    if (!(serverId in state.servers)) setState("servers", serverId, { ...NO_SERVER });
    setState("servers", serverId, produce(change));
  };
  const isTab = (serverId: string, ptyId: string) => (tab: TerminalTab) =>
    tab.serverId === serverId && tab.ptyId === ptyId;

  const addTabs = (serverId: string, added: TerminalTab[]) => {
    const ids = new Set(added.map((tab) => tab.ptyId));
    setState("tabs", (tabs) => [...tabs, ...added]);
    edit(serverId, (entry) => {
      entry.leftovers = entry.leftovers.filter((pty) => !ids.has(pty.id));
      entry.active = added.at(-1)?.ptyId ?? entry.active;
    });
  };

  /** Looks at the server's shells and PTYs again; resolves once the answers are in. */
  const load = async (serverId: string) => {
    const look = (looks.get(serverId) ?? 0) + 1;
    looks.set(serverId, look);
    const [shells, listed] = await Promise.allSettled([api.ptyShells(serverId), api.ptyList(serverId)]);
    if (looks.get(serverId) !== look) return;
    edit(serverId, (entry) => {
      entry.looked = true;
      // Without the shells, a new terminal still starts (the server's default shell).
      if (shells.status === "fulfilled") entry.shells = shells.value;
      if (listed.status === "fulfilled") {
        entry.leftovers = leftoversOf(listed.value, shownIds(serverId));
        entry.error = undefined;
      } else {
        entry.error = `Could not list the server's terminals: ${messageOf(listed.reason)}`;
      }
    });
  };

  const create = async (serverId: string) => {
    if (server(serverId).creating) return;
    edit(serverId, (entry) => {
      entry.creating = true;
      entry.error = undefined;
    });
    const size = lastSize;
    try {
      const entry = server(serverId);
      const pty = await api.ptyCreate(serverId, shellFor(entry.shells, entry.chosenShell), size);
      addTabs(serverId, [{ serverId, ptyId: pty.id, title: titleOf(pty), status: { kind: "connecting" }, size }]);
    } catch (error) {
      edit(serverId, (entry) => {
        entry.error = `Could not start a terminal: ${messageOf(error)}`;
      });
    } finally {
      edit(serverId, (entry) => {
        entry.creating = false;
      });
    }
  };

  return {
    state,
    server,
    tabsOf,
    load,
    create,

    /**
     * The panel opened on `serverId`: look at its PTYs, and when it has no terminal at all
     * (none shown, none left over), start one.
     */
    async open(serverId: string) {
      await load(serverId);
      const entry = server(serverId);
      if (entry.error === undefined && entry.leftovers.length === 0 && tabsOf(serverId).length === 0) {
        await create(serverId);
      }
    },

    choose(serverId: string, ptyId: string) {
      edit(serverId, (entry) => {
        entry.active = ptyId;
      });
    },

    chooseShell(serverId: string, path: string) {
      edit(serverId, (entry) => {
        entry.chosenShell = path;
      });
    },

    /** Closes a tab and ends its PTY (unless the PTY is already gone). */
    async close(serverId: string, ptyId: string) {
      const tabs = tabsOf(serverId);
      const at = tabs.findIndex(isTab(serverId, ptyId));
      const tab = tabs[at];
      if (!tab) return;
      const gone = tab.status.kind === "closed";
      const neighbour = tabs[at + 1] ?? tabs[at - 1];
      setState("tabs", (all) => all.filter((t) => !isTab(serverId, ptyId)(t)));
      edit(serverId, (entry) => {
        if (entry.active === ptyId) entry.active = neighbour?.ptyId;
      });
      if (gone) return;
      try {
        await api.ptyClose(serverId, ptyId);
      } catch (error) {
        if (isGone(error)) return;
        // Still running on the server: list it with the leftovers, where it can be closed.
        await load(serverId);
        edit(serverId, (entry) => {
          entry.error = `Could not end the terminal: ${messageOf(error)}`;
        });
      }
    },

    /** Shows every leftover PTY in a tab of its own. */
    showLeftovers(serverId: string) {
      const tabs = server(serverId).leftovers.map(
        (pty): TerminalTab => ({ serverId, ptyId: pty.id, title: titleOf(pty), status: statusOf(pty), size: null }),
      );
      addTabs(serverId, tabs);
    },

    /** Ends every leftover PTY. */
    async closeLeftovers(serverId: string) {
      const ids = server(serverId).leftovers.map((pty) => pty.id);
      edit(serverId, (entry) => {
        entry.leftovers = [];
      });
      const results = await Promise.allSettled(ids.map((id) => api.ptyClose(serverId, id)));
      const failed = results.find(
        (result): result is PromiseRejectedResult => result.status === "rejected" && !isGone(result.reason),
      );
      if (failed) {
        await load(serverId);
        edit(serverId, (entry) => {
          entry.error = `Could not end every terminal: ${messageOf(failed.reason)}`;
        });
      }
    },

    /** What a tab's attachment said (not its output). */
    event(serverId: string, ptyId: string, event: PtyEvent) {
      setState("tabs", isTab(serverId, ptyId), "status", (status) => applyEvent(status, event));
    },

    /** The shell set its window title (OSC 0/2). */
    retitle(serverId: string, ptyId: string, title: string) {
      if (title.trim() === "") return;
      setState("tabs", isTab(serverId, ptyId), "title", title);
    },

    dismissError(serverId: string) {
      edit(serverId, (entry) => {
        entry.error = undefined;
      });
    },

    /** A screen measured itself: the next new PTY starts at this size. */
    noteSize(size: PtySize) {
      lastSize = size;
    },
  };
}
