// The UI's one door to Rust. Only this folder imports the generated bindings or @tauri-apps/*:
// screens get plain async functions that resolve to data or throw an AppError. Past 500 lines as
// one thin wrapper per command, it is still one job: the door.
import { Channel } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import {
  commands,
  events,
  type AppInfo_Serialize,
  type CommandError,
  type ErrorKind,
  type Health,
  type PumpMessage_Deserialize,
  type PumpMessage_Serialize,
  type ServerInfo_Serialize,
  type ServerNotUsed as ServerNotUsed_Wire,
  type SavedServer_Serialize,
  type ServerEdit_Serialize,
  type AnnouncedServer_Serialize,
  type ServerStatusView,
  type ServerEvent_Serialize,
  type Session_Serialize,
  type Message_Serialize,
  type Part_Serialize,
  type PermissionRequest_Serialize,
  type QuestionRequest_Serialize,
  type Todo_Serialize,
  type SnapshotFileDiff_Serialize,
  type SessionStatus,
  type MessageWithParts_Serialize,
  type PermissionReply,
  type Agent_Serialize,
  type Command_Serialize,
  type ConfigProviders_Serialize,
  type Provider_Serialize,
  type ProviderChange,
  type OAuthStarted_Serialize,
  type ProviderAuthMethod_Serialize,
  type ProviderChoice_Serialize,
  type Model_Serialize,
  type ModelRef,
  type FileNode_Serialize,
  type FileContent_Serialize,
  type VcsFileStatus_Serialize,
  type FindMatch_Serialize,
  type Symbol,
  type Submatch,
  type TextField,
  type Project_Serialize,
  type RecentProject,
  type PartInput_Deserialize,
  type Settings_Serialize,
  type TerminalAction_Deserialize,
  type TerminalCommand_Serialize,
  type TerminalState,
  type TerminalView_Serialize,
  type TerminalVia,
  type TuiDialog,
  type TuiRequest_Serialize,
  type WorkingTree_Serialize,
} from "../bindings";

export type AppInfo = AppInfo_Serialize;
export type ServerInfo = ServerInfo_Serialize;
export type PumpMessage = PumpMessage_Serialize;

export type { Health, PermissionReply, ServerStatusView, SessionStatus };
export type SavedServer = SavedServer_Serialize;
export type AnnouncedServer = AnnouncedServer_Serialize;
/** A change to a saved server; `password: null` keeps the one kept. */
export type ServerEdit = ServerEdit_Serialize;
// What the server sends, as it reaches the UI (the serialize side: every field present).
export type ServerEvent = ServerEvent_Serialize;
export type Session = Session_Serialize;
export type Message = Message_Serialize;
export type Part = Part_Serialize;
export type PermissionRequest = PermissionRequest_Serialize;
export type QuestionRequest = QuestionRequest_Serialize;
export type Todo = Todo_Serialize;
export type SnapshotFileDiff = SnapshotFileDiff_Serialize;

export type MessageWithParts = MessageWithParts_Serialize;
export type Agent = Agent_Serialize;
export type Command = Command_Serialize;
export type ConfigProviders = ConfigProviders_Serialize;
export type Provider = Provider_Serialize;
/** A provider the user can sign in to, and what a sign-in change did. */
export type ProviderChoice = ProviderChoice_Serialize;
export type { ProviderChange };
/** A browser sign-in under way: the provider's page (already opened) and how it finishes. */
export type OAuthStarted = OAuthStarted_Serialize;
/** One way to sign in to a provider: OAuth or a labelled key, with its questions. */
export type ProviderAuthMethod = ProviderAuthMethod_Serialize;
export type Model = Model_Serialize;
export type FileNode = FileNode_Serialize;
export type FileContent = FileContent_Serialize;
export type VcsFileStatus = VcsFileStatus_Serialize;
export type FindMatch = FindMatch_Serialize;
export type Project = Project_Serialize;
export type { RecentProject };
export type { ModelRef, Submatch, Symbol, TextField };
/** The project's uncommitted changes: its branch and, file by file, the same diffs a session has. */
export type WorkingTree = WorkingTree_Serialize;
export type Settings = Settings_Serialize;
/** What a program asked "the TUI" of one of the app's servers to do (as Rust sends it). */
export type TuiRequest = TuiRequest_Serialize;
/** A terminal OpenCode (TUI) on this machine, and what can be done to it. */
export type TerminalView = TerminalView_Serialize;
export type TerminalCommand = TerminalCommand_Serialize;
export type TerminalAction = TerminalAction_Deserialize;
export type { TerminalState, TerminalVia, TuiDialog };

/** What the composer sends: text, attached files (as data: or file: URLs), and choices. */
export interface PromptDraft {
  text: string;
  files?: { mime: string; url: string; filename: string }[];
  model?: ModelRef | null;
  agent?: string | null;
}

/** Permission requests and questions waiting for the user on one server, all sessions. */
export interface Pending {
  permissions: PermissionRequest[];
  questions: QuestionRequest[];
}

/** A failed command: `kind` to decide what to do, `message` to show. */
export class AppError extends Error {
  readonly kind: ErrorKind | "Unknown";

  constructor(kind: ErrorKind | "Unknown", message: string) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
  }
}

const KNOWN_KINDS: readonly ErrorKind[] = [
  "Unreachable",
  "Unauthorized",
  "NotFound",
  "InvalidInput",
  "Timeout",
  "ServerFailed",
  "Internal",
];

/** Turns the backend's error value into an AppError; a kind this UI does not know stays usable. */
export function toAppError(error: CommandError): AppError {
  const kind = KNOWN_KINDS.includes(error.kind) ? error.kind : "Unknown";
  return new AppError(kind, error.message);
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

export function appInfo(): Promise<AppInfo> {
  return commands.appInfo();
}

export function listServers(): Promise<ServerInfo[]> {
  return commands.listServers();
}

export async function probeServer(
  url: string,
  credentials?: { username?: string; password?: string },
): Promise<Health> {
  return unwrap(
    await commands.probeServer(url, credentials?.username ?? null, credentials?.password ?? null),
  );
}

/** A server found running on this machine that the app did not use on its own, and why. */
export interface ServerNotUsed {
  url: string;
  /** For a person: "runs without a password as another user (uid 1001); …". */
  reason: string;
  /** False for one the app cannot work with (OpenCode 2). */
  canUse: boolean;
}

function notUsed(wire: ServerNotUsed_Wire[]): ServerNotUsed[] {
  return wire.map((s) => ({ url: s.url, reason: s.reason, canUse: s.can_use }));
}

/** The local servers the app found at start (or on Retry) but did not use. */
export async function serversNotUsed(): Promise<ServerNotUsed[]> {
  return notUsed(await commands.serversNotUsed());
}

/**
 * Listens to a generated event until the returned function is called. The unsubscribe is
 * synchronous (for Solid's onCleanup) even though listening starts asynchronously: called before
 * the listener is in place, it removes it as soon as it is.
 */
function listenUntil<T>(
  event: { listen: (callback: (event: { payload: T }) => void) => Promise<() => void> },
  callback: (event: { payload: T }) => void,
): () => void {
  let stopped = false;
  let unlisten: (() => void) | undefined;
  void event.listen(callback).then((fn) => {
    if (stopped) fn();
    else unlisten = fn;
  });
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/** Calls `handler` with the whole list each time the app looks for local servers again. */
export function onServersNotUsed(handler: (servers: ServerNotUsed[]) => void): () => void {
  return listenUntil(events.serversNotUsed, (event) => {
    handler(notUsed(event.payload.servers));
  });
}

/** Calls `handler` on every server status change until the returned function is called. */
export function onServerStatusChanged(handler: (server: ServerInfo) => void): () => void {
  return listenUntil(events.serverStatusChanged, (event) => {
    handler(event.payload.server);
  });
}

/** Calls `handler` when the app asks the main window to open a session (quick prompt, tray). */
export function onOpenSessionRequested(
  handler: (request: { serverId: string; sessionId: string }) => void,
): () => void {
  return listenUntil(events.openSessionRequested, (event) => {
    handler({ serverId: event.payload.server_id, sessionId: event.payload.session_id });
  });
}

/**
 * Calls `handler` when a program drives "the TUI" of server `serverId` and the app should obey
 * (Rust has checked the setting and that no terminal UI owns that server's prompt).
 */
export function onTuiControlRequested(
  handler: (asked: { serverId: string; request: TuiRequest }) => void,
): () => void {
  return listenUntil(events.tuiControlRequested, (event) => {
    handler({ serverId: event.payload.server_id, request: event.payload.request });
  });
}

/**
 * Streams server `serverId`'s events for `directory`, in per-frame batches, to `onBatch`; resolves
 * to the function that ends the subscription. The first message says the hub's state
 * (`Connected` or `Disconnected`); every `Connected` carries a new marker after which what is
 * shown must be refetched. A batch still in flight when unwatched is dropped here, so a caller
 * never hears from a subscription it ended.
 */
export async function watchEvents(
  serverId: string,
  directory: string | null,
  onBatch: (batch: PumpMessage[]) => void,
): Promise<() => Promise<void>> {
  let open = true;
  // The generated signature names the deserialize-side shape; what Rust sends is the serialize
  // side (every field present), which is the narrower of the two.
  const channel = new Channel<PumpMessage_Deserialize[]>();
  channel.onmessage = (batch) => {
    if (open) onBatch(batch as PumpMessage[]);
  };
  // The window's label lets Rust end the subscription if the window closes without unwatching.
  const subscription = unwrap(
    await commands.watchEvents(serverId, directory, windowLabel(), channel),
  );
  return async () => {
    if (!open) return;
    open = false;
    await commands.unwatchEvents(subscription);
  };
}

/** This window's label ("main", "quick-prompt"); read locally, no IPC. */
export function windowLabel(): string {
  return getCurrentWindow().label;
}

/** Starts a new session with `text` (resolves to its id once the prompt is sent), or with
 * `terminalId`, sends it from that terminal OpenCode's prompt. */
export async function sendQuickPrompt(text: string, terminalId: string | null = null): Promise<string> {
  return unwrap(await commands.sendQuickPrompt(text, terminalId));
}

/** Calls `handler` with the terminal the tray chose for the quick prompt (`null`: the app). */
export function onQuickPromptTargetRequested(
  handler: (terminalId: string | null) => void,
): () => void {
  return listenUntil(events.quickPromptTargetRequested, (event) => {
    handler(event.payload.terminal_id);
  });
}

/** The terminal OpenCode the tray aimed the quick prompt at, once; `null` when none. */
export async function takeQuickPromptTarget(): Promise<string | null> {
  return commands.takeQuickPromptTarget();
}

export function closeQuickPrompt(): void {
  void commands.hideQuickPrompt();
}

export async function listSessions(serverId: string): Promise<Session[]> {
  return unwrap<Session[]>(await commands.listSessions(serverId));
}

export async function createSession(serverId: string): Promise<Session> {
  return unwrap<Session>(await commands.createSession(serverId, null));
}

/** The newest `limit` messages (before `before`), oldest first, and the cursor to older ones. */
export async function loadMessages(
  serverId: string,
  sessionId: string,
  limit: number,
  before: string | null = null,
): Promise<{ messages: MessageWithParts[]; before: string | null }> {
  const page = unwrap(await commands.loadMessages(serverId, sessionId, limit, before));
  return page;
}

export async function sendPrompt(
  serverId: string,
  sessionId: string,
  draft: PromptDraft,
): Promise<void> {
  const parts: PartInput_Deserialize[] = [];
  if (draft.text !== "") parts.push({ type: "text", text: draft.text });
  for (const file of draft.files ?? []) {
    parts.push({ type: "file", mime: file.mime, url: file.url, filename: file.filename });
  }
  unwrap(
    await commands.sendPrompt(serverId, sessionId, {
      parts,
      model: draft.model ?? null,
      agent: draft.agent ?? null,
    }),
  );
}

/** Runs the server's `/name` command with `args` in a session. */
export async function runCommand(
  serverId: string,
  sessionId: string,
  name: string,
  args: string,
  choice: { model?: ModelRef | null; agent?: string | null } = {},
): Promise<void> {
  const model = choice.model ? `${choice.model.providerID}/${choice.model.modelID}` : null;
  unwrap(
    await commands.runCommand(serverId, sessionId, {
      command: name,
      arguments: args,
      agent: choice.agent ?? null,
      model,
    }),
  );
}

/**
 * Runs `command` in the session's shell, as OpenCode's `!command` does, with the agent and model
 * chosen; the call and its output arrive through the event stream as messages.
 */
export async function runShell(
  serverId: string,
  sessionId: string,
  command: string,
  agent: string,
  model: ModelRef | null,
): Promise<void> {
  unwrap(await commands.runShell(serverId, sessionId, command, agent, model));
}

export async function renameSession(
  serverId: string,
  sessionId: string,
  title: string,
): Promise<Session> {
  return unwrap(await commands.renameSession(serverId, sessionId, title));
}

export async function deleteSession(serverId: string, sessionId: string): Promise<void> {
  unwrap(await commands.deleteSession(serverId, sessionId));
}

export async function forkSession(
  serverId: string,
  sessionId: string,
  messageId: string | null = null,
): Promise<Session> {
  return unwrap(await commands.forkSession(serverId, sessionId, messageId));
}

/** Shares (or unshares) a session; the result's `share.url` is the link. */
export async function shareSession(
  serverId: string,
  sessionId: string,
  shared: boolean,
): Promise<Session> {
  return unwrap(await commands.shareSession(serverId, sessionId, shared));
}

export async function sessionTodos(serverId: string, sessionId: string): Promise<Todo[]> {
  return unwrap(await commands.sessionTodos(serverId, sessionId));
}

export async function sessionDiff(
  serverId: string,
  sessionId: string,
  messageId: string | null = null,
): Promise<SnapshotFileDiff[]> {
  return unwrap(await commands.sessionDiff(serverId, sessionId, messageId));
}

export async function revertSession(
  serverId: string,
  sessionId: string,
  messageId: string,
): Promise<Session> {
  return unwrap(await commands.revertSession(serverId, sessionId, messageId));
}

export async function unrevertSession(serverId: string, sessionId: string): Promise<Session> {
  return unwrap(await commands.unrevertSession(serverId, sessionId));
}

export async function summarizeSession(
  serverId: string,
  sessionId: string,
  model: ModelRef,
): Promise<void> {
  unwrap(await commands.summarizeSession(serverId, sessionId, model));
}

export async function listModels(serverId: string): Promise<ConfigProviders> {
  return unwrap(await commands.listModels(serverId));
}

/** Every provider the server's catalogue has, connected ones first, with its sign-in methods. */
export async function listProviders(serverId: string): Promise<ProviderChoice[]> {
  return unwrap(await commands.listProviders(serverId));
}

/** Stores an API key on the server; `applied`: the model list already shows the change. */
export async function setProviderKey(
  serverId: string,
  providerId: string,
  key: string,
): Promise<ProviderChange> {
  return unwrap(await commands.setProviderKey(serverId, providerId, key));
}

export async function removeProviderKey(
  serverId: string,
  providerId: string,
): Promise<ProviderChange> {
  return unwrap(await commands.removeProviderKey(serverId, providerId));
}

/** Starts browser sign-in method number `method` of a provider and opens its page. */
export async function startProviderOauth(
  serverId: string,
  providerId: string,
  method: number,
  inputs: Record<string, string>,
): Promise<OAuthStarted> {
  return unwrap(await commands.startProviderOauth(serverId, providerId, method, inputs));
}

/** Finishes it: with the code the page showed, or (`null`) waiting for the page itself. */
export async function finishProviderOauth(
  serverId: string,
  providerId: string,
  method: number,
  code: string | null,
): Promise<ProviderChange> {
  return unwrap(await commands.finishProviderOauth(serverId, providerId, method, code));
}

/** Stops waiting; the pending finish then fails with "cancelled". */
export async function cancelProviderOauth(serverId: string, providerId: string): Promise<boolean> {
  return commands.cancelProviderOauth(serverId, providerId);
}

export async function listAgents(serverId: string): Promise<Agent[]> {
  return unwrap(await commands.listAgents(serverId));
}

export async function listCommands(serverId: string): Promise<Command[]> {
  return unwrap(await commands.listCommands(serverId));
}

/** One directory's entries; `""` is the project root. */
export async function listFiles(serverId: string, path: string): Promise<FileNode[]> {
  return unwrap(await commands.listFiles(serverId, path));
}

export async function readFile(serverId: string, path: string): Promise<FileContent> {
  return unwrap(await commands.readFile(serverId, path));
}

export async function fileStatus(serverId: string): Promise<VcsFileStatus[]> {
  return unwrap(await commands.fileStatus(serverId));
}

/** The project's uncommitted changes (git's working tree against HEAD), with its branch. */
export async function workingTree(serverId: string): Promise<WorkingTree> {
  return unwrap(await commands.workingTree(serverId));
}

export async function findText(serverId: string, pattern: string): Promise<FindMatch[]> {
  return unwrap(await commands.findText(serverId, pattern));
}

export async function findFiles(serverId: string, query: string, limit = 50): Promise<string[]> {
  return unwrap(await commands.findFiles(serverId, query, limit));
}

export async function findSymbols(serverId: string, query: string): Promise<Symbol[]> {
  return unwrap(await commands.findSymbols(serverId, query));
}

/** What each session is doing now; sessions absent from the map are idle. */
export async function sessionStatuses(serverId: string): Promise<Record<string, SessionStatus>> {
  return unwrap(await commands.sessionStatuses(serverId));
}

export async function listPending(serverId: string): Promise<Pending> {
  return unwrap(await commands.listPending(serverId));
}

export async function listProjects(serverId: string): Promise<Project[]> {
  return unwrap(await commands.listProjects(serverId));
}

/** The system's folder picker; `null` when the user cancels. */
export async function pickFolder(): Promise<string | null> {
  return unwrap(await commands.pickFolder());
}

/** Switches the server to the project in `directory`; resolves to the server's new view. */
export async function openProject(serverId: string, directory: string): Promise<ServerInfo> {
  return unwrap(await commands.openProject(serverId, directory));
}

/** The projects opened lately, most recent first, each marked when its folder is gone. */
export function recentProjects(): Promise<RecentProject[]> {
  return commands.recentProjects();
}

/** Takes `directory` off the recent projects; resolves to the list as it is now. */
export async function forgetRecentProject(directory: string): Promise<RecentProject[]> {
  return unwrap(await commands.forgetRecentProject(directory));
}

/** The remote servers saved (never their passwords), with what to know about each. */
export function savedServers(): Promise<SavedServer[]> {
  return commands.savedServers();
}

/** Changes a saved server and connects it again; resolves to its new view and status. */
export async function editSavedServer(id: string, edit: ServerEdit): Promise<ServerInfo> {
  return unwrap(await commands.editSavedServer(id, edit));
}

/** Forgets a saved server: its entry, its keychain password and the app's connection to it. */
export async function removeSavedServer(id: string): Promise<void> {
  unwrap(await commands.removeSavedServer(id));
}

/** Servers announced on the local network (a 2 s look); null while the mDNS setting is off. */
export async function announcedServers(): Promise<AnnouncedServer[] | null> {
  return unwrap(await commands.announcedServers());
}

/** Finds or starts a local OpenCode server again, as at start; the status comes as events. */
export function retryServer(): Promise<void> {
  return commands.retryServer();
}

/** Connects to an OpenCode server at `url` (checking the credentials) and lists it. */
export async function connectServer(
  url: string,
  credentials: { username?: string; password?: string },
  directory: string | null,
): Promise<ServerInfo> {
  return unwrap(
    await commands.connectServer(
      url,
      credentials.username ?? null,
      credentials.password ?? null,
      directory,
    ),
  );
}

export async function replyPermission(
  serverId: string,
  requestId: string,
  reply: PermissionReply,
): Promise<void> {
  unwrap(await commands.replyPermission(serverId, requestId, reply));
}

export async function replyQuestion(
  serverId: string,
  requestId: string,
  answers: string[][],
): Promise<void> {
  unwrap(await commands.replyQuestion(serverId, requestId, answers));
}

export async function rejectQuestion(serverId: string, requestId: string): Promise<void> {
  unwrap(await commands.rejectQuestion(serverId, requestId));
}

export async function abortSession(serverId: string, sessionId: string): Promise<void> {
  unwrap(await commands.abortSession(serverId, sessionId));
}

export function getSettings(): Promise<Settings> {
  return commands.getSettings();
}

/** Checks and saves settings; resolves to them as saved, or throws the reason they were refused. */
export async function updateSettings(settings: Settings): Promise<Settings> {
  return unwrap(await commands.updateSettings(settings));
}

/** Why the settings file could not be used at start (it was set aside), if it could not. */
export function settingsProblem(): Promise<string | null> {
  return commands.settingsProblem();
}

/** Calls `handler` whenever settings are saved (from any window) until the returned function is called. */
export function onSettingsChanged(handler: (settings: Settings) => void): () => void {
  return listenUntil(events.settingsChanged, (event) => {
    handler(event.payload.settings);
  });
}

/** Every terminal OpenCode running on this machine, looked at now. */
export async function listTerminals(): Promise<TerminalView[]> {
  return unwrap(await commands.listTerminals());
}

/** A TUI's own commands (`source` "tui") and its server's `/` commands ("server"). */
export async function terminalCommands(terminalId: string): Promise<TerminalCommand[]> {
  return unwrap(await commands.terminalCommands(terminalId));
}

export async function driveTerminal(terminalId: string, action: TerminalAction): Promise<void> {
  unwrap(await commands.driveTerminal(terminalId, action));
}

/** Unlocks a TUI whose server wants a password; resolves to the TUI as it is with it. */
export async function setTerminalPassword(
  terminalId: string,
  password: string,
): Promise<TerminalView> {
  return unwrap(await commands.setTerminalPassword(terminalId, password));
}

/** Starts a terminal running OpenCode attached to server `serverId`; resolves to the emulator used. */
export async function openInTerminal(
  serverId: string,
  directory: string | null,
  sessionId: string | null,
): Promise<string> {
  return unwrap(await commands.openInTerminal(serverId, directory, sessionId));
}

/** Everything the app shell needs from the backend; tests pass a fake. */
export interface Backend {
  appInfo: () => Promise<AppInfo>;
  listServers: () => Promise<ServerInfo[]>;
  probeServer: typeof probeServer;
  onServerStatusChanged: (handler: (server: ServerInfo) => void) => () => void;
  onOpenSessionRequested: typeof onOpenSessionRequested;
  onTuiControlRequested: typeof onTuiControlRequested;
  watchEvents: typeof watchEvents;
  listSessions: (serverId: string) => Promise<Session[]>;
  createSession: (serverId: string) => Promise<Session>;
  loadMessages: typeof loadMessages;
  sendPrompt: typeof sendPrompt;
  replyPermission: typeof replyPermission;
  replyQuestion: typeof replyQuestion;
  rejectQuestion: typeof rejectQuestion;
  abortSession: (serverId: string, sessionId: string) => Promise<void>;
  runCommand: typeof runCommand;
  runShell: typeof runShell;
  renameSession: typeof renameSession;
  deleteSession: typeof deleteSession;
  forkSession: typeof forkSession;
  shareSession: typeof shareSession;
  sessionTodos: typeof sessionTodos;
  sessionDiff: typeof sessionDiff;
  revertSession: typeof revertSession;
  unrevertSession: typeof unrevertSession;
  summarizeSession: typeof summarizeSession;
  listModels: typeof listModels;
  listProviders: typeof listProviders;
  setProviderKey: typeof setProviderKey;
  removeProviderKey: typeof removeProviderKey;
  startProviderOauth: typeof startProviderOauth;
  finishProviderOauth: typeof finishProviderOauth;
  cancelProviderOauth: typeof cancelProviderOauth;
  listAgents: typeof listAgents;
  listCommands: typeof listCommands;
  listFiles: typeof listFiles;
  readFile: typeof readFile;
  fileStatus: typeof fileStatus;
  workingTree: typeof workingTree;
  findText: typeof findText;
  findFiles: typeof findFiles;
  findSymbols: typeof findSymbols;
  listPending: typeof listPending;
  sessionStatuses: typeof sessionStatuses;
  listProjects: typeof listProjects;
  pickFolder: typeof pickFolder;
  openProject: typeof openProject;
  recentProjects: typeof recentProjects;
  forgetRecentProject: typeof forgetRecentProject;
  connectServer: typeof connectServer;
  savedServers: typeof savedServers;
  editSavedServer: typeof editSavedServer;
  removeSavedServer: typeof removeSavedServer;
  announcedServers: typeof announcedServers;
  retryServer: typeof retryServer;
  serversNotUsed: typeof serversNotUsed;
  onServersNotUsed: typeof onServersNotUsed;
  getSettings: typeof getSettings;
  updateSettings: typeof updateSettings;
  settingsProblem: typeof settingsProblem;
  onSettingsChanged: typeof onSettingsChanged;
  listTerminals: typeof listTerminals;
  terminalCommands: typeof terminalCommands;
  driveTerminal: typeof driveTerminal;
  setTerminalPassword: typeof setTerminalPassword;
  openInTerminal: typeof openInTerminal;
}

export const backend: Backend = {
  appInfo,
  listServers,
  probeServer,
  onServerStatusChanged,
  onOpenSessionRequested,
  onTuiControlRequested,
  watchEvents,
  listSessions,
  createSession,
  loadMessages,
  sendPrompt,
  replyPermission,
  replyQuestion,
  rejectQuestion,
  abortSession,
  runCommand,
  runShell,
  renameSession,
  deleteSession,
  forkSession,
  shareSession,
  sessionTodos,
  sessionDiff,
  revertSession,
  unrevertSession,
  summarizeSession,
  listModels,
  listProviders,
  setProviderKey,
  startProviderOauth,
  finishProviderOauth,
  cancelProviderOauth,
  removeProviderKey,
  listAgents,
  listCommands,
  listFiles,
  readFile,
  fileStatus,
  workingTree,
  findText,
  findFiles,
  findSymbols,
  listPending,
  sessionStatuses,
  listProjects,
  pickFolder,
  openProject,
  recentProjects,
  forgetRecentProject,
  connectServer,
  savedServers,
  editSavedServer,
  removeSavedServer,
  announcedServers,
  retryServer,
  serversNotUsed,
  onServersNotUsed,
  getSettings,
  updateSettings,
  settingsProblem,
  onSettingsChanged,
  listTerminals,
  terminalCommands,
  driveTerminal,
  setTerminalPassword,
  openInTerminal,
};
