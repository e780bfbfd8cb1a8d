// The main window's layout: header (project, needs-you, panels), the session list, the open session
// (transcript, approvals, composer, the terminal panel below), an optional side panel (files,
// changes, todos), the status bar, and the dialogs (quick switch, search in sessions, servers and projects, OpenCode
// in terminals, settings with providers, MCP servers, OpenCode's config and usage, shortcuts). State and
// actions come from the workspace controller; this file only places screens and routes callbacks
// (past 500 lines for that alone: every screen is placed here, none decides anything here).
import { createEffect, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import FolderTree from "lucide-solid/icons/folder-tree";
import GitCompare from "lucide-solid/icons/git-compare";
import Keyboard from "lucide-solid/icons/keyboard";
import ListTodo from "lucide-solid/icons/list-todo";
import SettingsIcon from "lucide-solid/icons/settings";
import AppWindow from "lucide-solid/icons/app-window";
import SquareTerminal from "lucide-solid/icons/square-terminal";
import TextSearch from "lucide-solid/icons/text-search";
import EmptyState, { NoProjectState, NoSessionsState, ServerProblemState } from "./components/EmptyState";
import IconButton from "./components/IconButton";
import Modal from "./components/Modal";
import StatusBar from "./components/StatusBar";
import Toasts from "./components/Toasts";
import { backend as realBackend, type Backend } from "./ipc";
import * as realMcp from "./ipc/mcp";
import * as realConfig from "./ipc/opencodeConfig";
import * as realInbox from "./ipc/inbox";
import type { InboxApi } from "./ipc/inbox";
import * as realUsage from "./ipc/usage";
import * as realOffline from "./ipc/offline";
import type { OfflineApi } from "./ipc/offline";
import * as realSessionSearch from "./ipc/sessionSearch";
import type { SessionHit, SessionSearchApi } from "./ipc/sessionSearch";
import { installShortcuts, isMacPlatform, SHORTCUTS, shortcutKeys } from "./lib/shortcuts";
import NeedsYouList, { NeedsYouBadge } from "./screens/attention/NeedsYouList";
import { OfflineList, OfflineSession } from "./screens/offline/OfflineCopies";
import ChangesPanel from "./screens/changes/ChangesPanel";
import Composer, { type ComposerHandle } from "./screens/composer/Composer";
import { TerminalPanel } from "./screens/terminal-panel";
import FilesPanel from "./screens/files/FilesPanel";
import PermissionCard from "./screens/permissions/PermissionCard";
import QuestionCard from "./screens/permissions/QuestionCard";
import NotUsedBanner from "./screens/servers/NotUsedBanner";
import ServerPanel from "./screens/servers/ServerPanel";
import SessionSearch from "./screens/search/SessionSearch";
import { RecentProjectsContext } from "./screens/servers/RecentProjects";
import QuickSwitcher from "./screens/sessions/QuickSwitcher";
import SessionList, { type SessionListControls } from "./screens/sessions/SessionList";
import { titleOf } from "./screens/sessions/sessionTree";
import ShortcutHelp from "./screens/sessions/ShortcutHelp";
import SettingsDialog, { type ConfigApi, type McpApi, type SettingsTab, type UsageApi } from "./screens/settings/SettingsDialog";
import OpenInTerminal from "./screens/terminals/OpenInTerminal";
import TerminalsView from "./screens/terminals/TerminalsView";
import MessageActions from "./screens/transcript/MessageActions";
import RevertBanner from "./screens/transcript/RevertBanner";
import TodoList from "./screens/transcript/TodoList";
import { AwaitingUser, ModelHelp, OpenFile, ProjectDirectory } from "./screens/transcript/context";
import Transcript, { type TranscriptControls } from "./screens/transcript/Transcript";
import { warmUpTranscript } from "./screens/transcript/warmup";
import type { WarmUp } from "./lib/warmup";
import { createOpenView, refreshSidePanel } from "./state/openView";
import { createInbox } from "./state/inbox";
import { createOfflineCopies, isDown, keepCopyCurrent } from "./state/offlineCopies";
import { createPanels } from "./state/panels";
import { followSettings } from "./state/settings";
import { useTuiControl } from "./state/useTuiControl";
import { createWorkspace } from "./state/workspace";

export interface AppProps {
  /** Injected in tests; the real app talks to Rust. */
  backend?: Backend;
  mcp?: McpApi;
  opencodeConfig?: ConfigApi;
  usage?: UsageApi;
  inbox?: InboxApi;
  offline?: OfflineApi;
  sessionSearch?: SessionSearchApi;
}

/** When no session list comes (no server yet), the transcript is warmed anyway after this. */
const WARM_UP_WITHOUT_LIST_MS = 3000;

// The header's panel toggles: which panel, its name (the button's accessible name), its icon.
const PANELS = [
  ["files", "Files", FolderTree],
  ["changes", "Changes", GitCompare],
  ["todos", "Todos", ListTodo],
] as const;
type Dialog = "switch" | "search" | "servers" | "settings" | "help" | "terminals";

export default function App(props: AppProps) {
  const api = props.backend ?? realBackend;
  const ws = createWorkspace(api);
  const { info, server, store, selected } = ws;
  // The side panel, and a file asked for (from a tool line or a diff) in the Files panel.
  const panels = createPanels(() => `${server()?.id ?? ""}\n${directory() ?? ""}`);
  const { panel, toggle: togglePanel } = panels;
  const [dialog, setDialog] = createSignal<Dialog>();
  const [settingsTab, setSettingsTab] = createSignal<SettingsTab>("app");
  const openSettings = (tab: SettingsTab) => {
    setSettingsTab(tab);
    setDialog("settings");
  };
  /** The session whose "Open in terminal" is under way. */
  const [terminalFor, setTerminalFor] = createSignal<string>();
  const [showNeedsYou, setShowNeedsYou] = createSignal(false);
  const [terminalOpen, setTerminalOpen] = createSignal(false);
  let composer: ComposerHandle | undefined;
  let sessionList: SessionListControls | undefined;
  let transcript: TranscriptControls | undefined;
  /** A reply failed for its model: the picker to choose another, or the Providers dialog. */
  const modelHelp = {
    chooseModel: () => void composer?.focusPicker("model"),
    connectProvider: () => { openSettings("providers"); },
  };
  /** A failed action that has no screen of its own to report it (shortcut, switcher...). */
  const [notice, setNotice] = createSignal<string>();
  const [launchNoticesSeen, setLaunchNoticesSeen] = createSignal<string[]>([]);
  const report = (action: Promise<unknown>) => {
    action.catch((error: unknown) => setNotice(error instanceof Error ? error.message : String(error)));
  };
  // Search in sessions (issue 20): a hit opens its session, then the transcript brings the
  // message into view (loading older pages until it is there).
  const searchApi = props.sessionSearch ?? realSessionSearch;
  const searchShortcut = SHORTCUTS.find((s) => s.action === "searchSessions");
  const searchTitle = `Search in sessions${searchShortcut ? ` (${shortcutKeys(searchShortcut, isMacPlatform())})` : ""}`;
  const [reveal, setReveal] = createSignal<{ sessionId: string; messageId: string }>();
  /** The offline copies' search box: what "search in sessions" means while the server is down. */
  let offlineSearch: HTMLInputElement | undefined;
  const searchSessions = () => {
    if (copies.active() && offlineSearch?.isConnected) {
      setDialog(undefined);
      offlineSearch.focus();
      return;
    }
    setDialog((d) => (d === "search" ? undefined : "search"));
  };
  const openHit = async (hit: SessionHit) => {
    setReveal(undefined);
    if (selected() !== hit.session_id) await ws.openSession(hit.session_id);
    if (hit.message_id !== null) setReveal({ sessionId: hit.session_id, messageId: hit.message_id });
  };

  const setSettings = followSettings(api);

  const usageApi = props.usage ?? realUsage;
  const view = createOpenView(ws, usageApi);
  const { busy, pending, asked, awaitedCalls, visibleIds, usage, turns, filesRefresh } = view;
  // What waits for the user on every server (Rust's inbox); told which session the user sees.
  const inbox = createInbox(props.inbox ?? realInbox, () => {
    const current = server();
    const open = selected();
    return current && open ? { serverId: current.id, sessionId: open } : undefined;
  });
  const waiting = inbox.count;
  refreshSidePanel(ws, view, panel, report);
  // Programs that drive "the TUI" of this server drive this window (issue 15).
  const programs = useTuiControl({
    ws,
    view,
    composer: () => composer,
    sessionList: () => sessionList,
    transcript: () => transcript,
    showShortcutHelp: () => setDialog("help"),
  });

  onMount(() => {
    const stopShortcuts = installShortcuts(window, {
      newSession: () => {
        report(ws.newSession());
      },
      quickSwitch: () => setDialog((d) => (d === "switch" ? undefined : "switch")),
      searchSessions,
      focusComposer: () => composer?.focus(),
      stop: () => {
        if (!busy()) return false;
        void ws.stop();
        return true;
      },
      toggleFiles: () => {
        togglePanel("files");
      },
      help: () => setDialog("help"),
      toggleTerminal: () => setTerminalOpen((open) => !open),
    });
    onCleanup(stopShortcuts);
    // The first session opened would pay the engine's first-time work (issue 18): done while
    // idle, once the session list is in (launch's own path goes first: started with the window,
    // the warm-up's steps held up the list by about 100 ms), or after a while without one.
    let warm: WarmUp | undefined;
    const startWarmUp = () => {
      warm ??= warmUpTranscript();
    };
    const fallback = setTimeout(startWarmUp, WARM_UP_WITHOUT_LIST_MS);
    createEffect(() => {
      if (ws.listed()) startWarmUp();
    });
    onCleanup(() => {
      clearTimeout(fallback);
      warm?.cancel();
    });
  });

  const problem = () => info()?.project_problem ?? ws.problem();
  const directory = () => server()?.directory ?? info()?.project ?? null;
  // While the server is down: the sessions kept of this project, read-only (issue 20).
  const offlineApi = props.offline ?? realOffline;
  const copies = createOfflineCopies(offlineApi, () => {
    const current = server();
    const dir = directory();
    return current && dir && isDown(current.status) ? { serverId: current.id, directory: dir } : undefined;
  });
  keepCopyCurrent(offlineApi, () => {
    const current = server();
    const open = selected();
    return current && open ? { serverId: current.id, sessionId: open, busy: busy() } : undefined;
  });
  const showingCopy = () => copies.active() && copies.openId() !== undefined;

  return (
    <div class="app">
      <header class="app-header">
        <h1>OpenCode Desk</h1>
        <button
          type="button"
          class="project-path"
          title={directory() ?? "No project open"}
          aria-label="Servers and projects"
          onClick={() => setDialog("servers")}
        >
          {directory() ?? "Open a project…"}
        </button>
        <div class="header-actions">
          <Show when={waiting() > 0}>
            <NeedsYouBadge count={waiting()} onClick={() => setShowNeedsYou((v) => !v)} />
          </Show>
          <For each={PANELS}>
            {([which, label, Icon]) => (
              <IconButton label={label} pressed={panel() === which} onClick={() => { togglePanel(which); }}>
                <Icon aria-hidden="true" />
              </IconButton>
            )}
          </For>
          <IconButton label="Search in sessions" title={searchTitle} onClick={searchSessions}>
            <TextSearch aria-hidden="true" />
          </IconButton>
          <IconButton label="Keyboard shortcuts" onClick={() => setDialog("help")}>
            <Keyboard aria-hidden="true" />
          </IconButton>
          <IconButton label="Terminal" title="Terminal (Ctrl+`)" pressed={terminalOpen()} onClick={() => setTerminalOpen((open) => !open)}>
            <SquareTerminal aria-hidden="true" />
          </IconButton>
          <IconButton label="OpenCode in terminals" onClick={() => setDialog("terminals")}>
            <AppWindow aria-hidden="true" />
          </IconButton>
          <IconButton
            label="Settings"
            title="Settings: the app's, providers, MCP servers, OpenCode's config and usage"
            onClick={() => { openSettings(settingsTab()); }}
          >
            <SettingsIcon aria-hidden="true" />
          </IconButton>
        </div>
      </header>
      <div class="app-body" classList={{ "with-panel": panel() !== undefined }}>
        <Show
          when={ws.ready()}
          fallback={
            <Show when={copies.active()}>
              <aside class="sidebar" aria-label="Offline copies">
                <OfflineList copies={copies} searchBox={(element) => (offlineSearch = element)} />
              </aside>
            </Show>
          }
        >
          <aside class="sidebar" aria-label="Sessions">
            <Show when={showNeedsYou() && waiting() > 0}>
              <NeedsYouList
                groups={inbox.inbox().groups}
                onOpen={(group, item) => {
                  report(ws.openAt(group.server_id, group.directory || null, item.session_id));
                }}
              />
            </Show>
            <SessionList
              sessions={ws.sessions()}
              selected={selected()}
              isBusy={ws.isBusy}
              needsYou={ws.needsYou}
              onSelect={(id) => ws.openSession(id)}
              onNew={() => ws.newSession()}
              onRename={(id, title) => ws.rename(id, title)}
              onDelete={(id) => ws.remove(id)}
              onFork={(id) => ws.fork(id)}
              onShare={(id) => ws.share(id)}
              onSummarize={view.summarize}
              onOpenInTerminal={(id) => setTerminalFor(id)}
              controls={(controls) => (sessionList = controls)}
            />
          </aside>
        </Show>
        <main class="app-main">
          {/* Another user's server found at start: used only when the user says so, for the
              project open now (as Servers → Add does). */}
          <NotUsedBanner servers={ws.notUsed()} onUse={(url) => ws.connectServer(url, {})} />
          <Show when={notice()}>
            {(message) => (
              <div class="app-notice" role="alert">
                <span>{message()}</span>
                <button type="button" aria-label="Dismiss" onClick={() => { setNotice(undefined); }}>
                  ×
                </button>
              </div>
            )}
          </Show>
          {/* What went wrong at launch: the default project gone, the shortcut refused. */}
          <For each={(info()?.launch_notices ?? []).filter((n) => !launchNoticesSeen().includes(n))}>
            {(message) => (
              <div class="app-notice" role="status">
                <span>{message}</span>
                <button
                  type="button"
                  aria-label="Dismiss"
                  onClick={() => setLaunchNoticesSeen((seen) => [...seen, message])}
                >
                  ×
                </button>
              </div>
            )}
          </For>
          {/* A kept copy opened while the server is down takes the place of everything below. */}
          <Show when={!showingCopy()} fallback={<OfflineSession copies={copies} />}>
          <Show
            when={!problem()}
            fallback={
              <Show
                when={!info()?.project_problem}
                fallback={
                  <EmptyState title="That project cannot be opened" hint={info()?.project_problem ?? ""} />
                }
              >
                <ServerProblemState
                  problem={problem() ?? ""}
                  onRetry={() => ws.retry()}
                  onOpenSettings={() => { openSettings("app"); }}
                />
              </Show>
            }
          >
            <Show
              when={selected()}
              fallback={
                <Show
                  when={ws.ready()}
                  fallback={
                    <EmptyState
                      title="Connecting to OpenCode"
                      hint="Finding or starting an OpenCode server for this project…"
                    />
                  }
                >
                <Show
                  when={directory()}
                  fallback={
                    <NoProjectState
                      onOpenFolder={async () => {
                        const folder = await api.pickFolder();
                        if (folder) await ws.openProject(folder);
                      }}
                    />
                  }
                >
                  <Show
                    when={ws.sessions().length > 0}
                    fallback={<NoSessionsState />}
                  >
                    <EmptyState
                      title="No session open"
                      hint="Pick a session from the list, or type below to start a new one."
                    />
                  </Show>
                </Show>
                </Show>
              }
            >
              {(id) => (
                <>
                  <RevertBanner
                    revert={ws.openSessionInfo()?.revert}
                    messageIds={store.messages[id()] ?? []}
                    onUnrevert={() => ws.unrevert(id())}
                  />
                  <ProjectDirectory.Provider value={() => directory() ?? ""}>
                    <OpenFile.Provider value={panels.openFile}>
                      <AwaitingUser.Provider value={awaitedCalls}>
                        <ModelHelp.Provider value={modelHelp}>
                          <Transcript
                            ids={visibleIds()}
                            info={store.messageInfo}
                            parts={store.parts}
                            hasOlder={Boolean(ws.older[id()])}
                            onReachTop={() => ws.loadOlder(id())}
                            onBottom={() => { ws.trimOlder(id()); }}
                            controls={(controls) => (transcript = controls)}
                            reveal={(() => {
                              const asked = reveal();
                              return asked?.sessionId === id() ? asked : undefined;
                            })()}
                            onRevealed={(found) => {
                              setReveal(undefined);
                              if (!found) setNotice("That message is no longer in the session: it was reverted or removed.");
                            }}
                            userActions={(messageId) => (
                              <MessageActions
                                messageId={messageId}
                                onRevert={(m) => ws.revert(id(), m)}
                                onFork={(m) => ws.fork(id(), m)}
                                disabledReason={
                                  ws.isBusy(id()) ? "Wait for the reply to finish, or stop it." : undefined
                                }
                              />
                            )}
                          />
                        </ModelHelp.Provider>
                      </AwaitingUser.Provider>
                    </OpenFile.Provider>
                  </ProjectDirectory.Provider>
                </>
              )}
            </Show>
            <For each={pending()}>
              {(request) => (
                <PermissionCard
                  request={request}
                  onReply={(reply) => ws.replyPermission(request.id, reply)}
                />
              )}
            </For>
            <For each={asked()}>
              {(request) => (
                <QuestionCard
                  request={request}
                  onAnswer={(answers) => ws.replyQuestion(request.id, answers)}
                  onDismiss={() => ws.rejectQuestion(request.id)}
                />
              )}
            </For>
          </Show>
          </Show>
          {/* Never unmounted for connection reasons: a restarting server must not take the
              user's words with it (they live in ws.compose; sends wait until the link is live). */}
          {/* While a kept copy is shown the composer is hidden, not unmounted (the copy says it
              is read-only where the composer was): the live session's draft stays as it is. */}
          <div style={{ display: showingCopy() ? "none" : "contents" }}>
          <Show when={server()}>
            <Composer
              sessionId={selected() ?? null}
              busy={busy()}
              online={ws.connection() === "live"}
              compose={ws.compose}
              models={ws.catalog()?.models}
              onConnectProvider={() => { openSettings("providers"); }}
              defaultModel={ws.lastChoice().model}
              agents={ws.catalog()?.agents ?? []}
              defaultAgent={ws.lastChoice().agent}
              commands={ws.catalog()?.commands ?? []}
              directory={directory() ?? ""}
              findFiles={(query) => api.findFiles(server()?.id ?? "", query, 20)}
              onStop={() => ws.stop()}
              ref={(handle) => (composer = handle)}
            />
          </Show>
          </div>
          {/* Always mounted: hiding the panel keeps its terminals and their scrollback. */}
          <TerminalPanel serverId={server()?.id ?? null} open={terminalOpen()} onClose={() => { setTerminalOpen(false); }} />
        </main>
        <Show when={panel()}>
          {(which) => (
            <aside class="side-panel" aria-label={which() === "files" ? "Files" : which() === "changes" ? "Changes" : "Todos"}>
              <Show when={which() === "files" && server()}>
                {(current) => (
                  <FilesPanel
                    api={api}
                    serverId={current().id}
                    directory={directory() ?? ""}
                    refreshToken={filesRefresh()}
                    openRequest={panels.openRequest()}
                  />
                )}
              </Show>
              <Show when={which() === "changes"}>
                <ChangesPanel
                  view={panels.changesView()}
                  onView={panels.setChangesView}
                  sessionDiffs={store.diffs[selected() ?? ""] ?? []}
                  turns={turns()}
                  reverted={Boolean(ws.openSessionInfo()?.revert)}
                  hasOlder={Boolean(ws.older[selected() ?? ""])}
                  serverId={server()?.id}
                  loadWorkingTree={api.workingTree}
                  fileChanges={store.fileChanges}
                  onOpen={panels.openFile}
                />
              </Show>
              <Show when={which() === "todos"}>
                <TodoList todos={store.todos[selected() ?? ""] ?? []} />
              </Show>
            </aside>
          )}
        </Show>
      </div>
      <StatusBar
        state={ws.connection()}
        serverVersion={server()?.version ?? undefined}
        tokens={usage()?.tokens}
        cost={usage()?.cost}
      />
      <Show when={dialog() === "switch"}>
        <QuickSwitcher
          sessions={ws.sessions()}
          current={selected()}
          onPick={(id) => {
            report(ws.openSession(id));
          }}
          onClose={() => { setDialog(undefined); }}
        />
      </Show>
      <Show when={dialog() === "search"}>
        <SessionSearch
          search={(query) => searchApi.searchSessions(server()?.id ?? "", query)}
          onOpen={(hit) => {
            report(openHit(hit));
          }}
          onClose={() => { setDialog(undefined); }}
        />
      </Show>
      <Show when={dialog() === "help"}>
        <ShortcutHelp onClose={() => { setDialog(undefined); }} />
      </Show>
      <Show when={dialog() === "servers"}>
        <Modal label="Servers and projects" onClose={() => { setDialog(undefined); }}>
          <RecentProjectsContext.Provider
            value={{ list: api.recentProjects, forget: api.forgetRecentProject }}
          >
          <ServerPanel
            current={server()}
            listServers={api.listServers}
            onSelectServer={(next) => {
              ws.selectServer(next);
              setDialog(undefined);
            }}
            probeServer={api.probeServer}
            connectServer={async (url, credentials) => {
              await ws.connectServer(url, credentials);
              setDialog(undefined);
            }}
            savedServers={api.savedServers}
            editSavedServer={api.editSavedServer}
            removeSavedServer={api.removeSavedServer}
            onServerEdited={ws.serverEdited}
            onServerRemoved={(id) => { report(ws.serverRemoved(id)); }}
            announcedServers={api.announcedServers}
            listProjects={api.listProjects}
            pickFolder={api.pickFolder}
            onOpenProject={async (dir) => {
              await ws.openProject(dir);
              setDialog(undefined);
            }}
          />
          </RecentProjectsContext.Provider>
        </Modal>
      </Show>
      <Show when={dialog() === "terminals"}>
        <Modal label="OpenCode in terminals" onClose={() => { setDialog(undefined); }}>
          <TerminalsView
            listTerminals={api.listTerminals}
            terminalCommands={api.terminalCommands}
            driveTerminal={api.driveTerminal}
            setTerminalPassword={api.setTerminalPassword}
            openInTerminal={api.openInTerminal}
            serverId={server()?.id}
            directory={directory()}
          />
        </Modal>
      </Show>
      {/* Keyed: choosing it for another session starts over. */}
      <Show when={server() && terminalFor()} keyed>
        {(id) => (
          <OpenInTerminal
            sessionId={id}
            sessionTitle={titleOf(store.sessions[id] ?? { title: "" })}
            serverId={server()?.id ?? ""}
            directory={directory()}
            listTerminals={api.listTerminals}
            driveTerminal={api.driveTerminal}
            openInTerminal={api.openInTerminal}
            onClose={() => { setTerminalFor(undefined); }}
          />
        )}
      </Show>
      <Show when={dialog() === "settings"}>
        <Modal label="Settings" wide onClose={() => { setDialog(undefined); }}>
          <SettingsDialog
            tab={settingsTab()}
            onTab={setSettingsTab}
            serverId={server()?.id}
            api={api}
            mcp={props.mcp ?? realMcp}
            config={props.opencodeConfig ?? realConfig}
            usage={usageApi}
            offline={offlineApi}
            onSaved={(saved) => {
              setSettings(saved);
              setDialog(undefined);
            }}
            onClose={() => { setDialog(undefined); }}
            onApplied={ws.refreshModels}
          />
        </Modal>
      </Show>
      <Toasts toasts={programs.toasts()} onDismiss={programs.dismissToast} />
    </div>
  );
}
