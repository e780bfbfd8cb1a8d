// A Backend for tests where every call answers with nothing (an empty list, null, a no-op), so a
// test overrides only what it is about. Calls are recorded by name for assertions.
import type { Backend, Settings } from "../ipc";
import { session } from "./factories";

export interface RecordedCall {
  name: keyof Backend;
  args: unknown[];
}

export function quietBackend(overrides: Partial<Backend> = {}): {
  backend: Backend;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const none = <T>(value: T) => Promise.resolve(value);
  const defaults: Backend = {
    appInfo: () =>
      none({
        name: "OpenCode Desk",
        version: "0.1.0",
        project: null,
        project_problem: null,
        launch_notices: [],
      }),
    listServers: () => none([]),
    probeServer: () => none({ healthy: true, version: "1.18.33" }),
    onServerStatusChanged: () => () => undefined,
    onOpenSessionRequested: () => () => undefined,
    onTuiControlRequested: () => () => undefined,
    // Like the Rust hub of a live stream: the first message says so.
    watchEvents: (_server, _directory, onBatch) => {
      queueMicrotask(() => {
        onBatch([{ kind: "Connected", marker: 1, resync: false }]);
      });
      return none(() => none(undefined));
    },
    listSessions: () => none([]),
    createSession: () => none(session("ses_new", "New")),
    loadMessages: () => none({ messages: [], before: null }),
    sendPrompt: () => none(undefined),
    replyPermission: () => none(undefined),
    replyQuestion: () => none(undefined),
    rejectQuestion: () => none(undefined),
    abortSession: () => none(undefined),
    runCommand: () => none(undefined),
    runShell: () => none(undefined),
    renameSession: (_s, id, title) => none(session(id, title)),
    deleteSession: () => none(undefined),
    forkSession: (_s, id) => none(session(`${id}_fork`, "Fork")),
    shareSession: (_s, id) => none(session(id)),
    sessionTodos: () => none([]),
    sessionDiff: () => none([]),
    revertSession: (_s, id) => none(session(id)),
    unrevertSession: (_s, id) => none(session(id)),
    summarizeSession: () => none(undefined),
    listModels: () => none({ providers: [], default: {} }),
    listProviders: () => none([]),
    setProviderKey: () => Promise.reject(new Error("setProviderKey: not in this test")),
    removeProviderKey: () => Promise.reject(new Error("removeProviderKey: not in this test")),
    startProviderOauth: () => Promise.reject(new Error("startProviderOauth: not in this test")),
    finishProviderOauth: () => Promise.reject(new Error("finishProviderOauth: not in this test")),
    cancelProviderOauth: () => none(false),
    listAgents: () => none([]),
    listCommands: () => none([]),
    listFiles: () => none([]),
    readFile: () => none({ type: "text", content: "" }),
    fileStatus: () => none([]),
    workingTree: () => none({ branch: null, files: [] }),
    findText: () => none([]),
    findFiles: () => none([]),
    findSymbols: () => none([]),
    listPending: () => none({ permissions: [], questions: [] }),
    sessionStatuses: () => none({}),
    listProjects: () => none([]),
    pickFolder: () => none(null),
    openProject: () => Promise.reject(new Error("openProject: not in this test")),
    recentProjects: () => none([]),
    forgetRecentProject: () => none([]),
    connectServer: () => Promise.reject(new Error("connectServer: not in this test")),
    savedServers: () => none([]),
    editSavedServer: () => Promise.reject(new Error("editSavedServer: not in this test")),
    removeSavedServer: () => none(undefined),
    announcedServers: () => none(null),
    retryServer: () => none(undefined),
    serversNotUsed: () => none([]),
    onServersNotUsed: () => () => undefined,
    getSettings: () => none(defaultSettings()),
    updateSettings: (settings) => none(settings),
    settingsProblem: () => none(null),
    onSettingsChanged: () => () => undefined,
    listTerminals: () => none([]),
    terminalCommands: () => none([]),
    driveTerminal: () => none(undefined),
    setTerminalPassword: () => Promise.reject(new Error("setTerminalPassword: not in this test")),
    openInTerminal: () => none("/usr/bin/xterm"),
  };
  const merged = { ...defaults, ...overrides };
  const backend = Object.fromEntries(
    Object.entries(merged).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls.push({ name: name as keyof Backend, args });
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as Backend;
  return { backend, calls };
}

/** Settings as a fresh install has them. */
export function defaultSettings(): Settings {
  return {
    binary_path: null,
    default_project: null,
    recent_projects: [],
    servers: [],
    extra_ports: [],
    mdns_discovery: false,
    quick_prompt_shortcut: "CommandOrControl+Shift+Space",
    notifications: true,
    close_to_tray: true,
    obey_tui_control: true,
    offline_copies: true,
    theme: "system",
  };
}
