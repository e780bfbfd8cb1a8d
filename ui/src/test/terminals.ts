// Terminal OpenCodes for tests, and a fake of the calls that list and drive them, recording
// every call as a line ("drive 42 clear_prompt") so a test asserts on one list.
import type { TerminalAction, TerminalCommand, TerminalState, TerminalView } from "../ipc";

export function terminal(
  id: string,
  label: string,
  state: TerminalState = { kind: "ready", version: "1.18.33" },
): TerminalView {
  return {
    id,
    label,
    directory: "/src/proj",
    via: { kind: "own_port", url: "http://127.0.0.1:4555" },
    state,
  };
}

/** How an action reads in a test's call list. */
export function describeAction(action: TerminalAction): string {
  switch (action.type) {
    case "send_prompt":
    case "append_prompt":
      return `${action.type} ${action.text}`;
    case "show_toast":
      return `show_toast ${action.variant} ${action.title ?? ""}: ${action.message}`;
    case "open_dialog":
      return `open_dialog ${action.dialog}`;
    case "select_session":
      return `select_session ${action.session_id}`;
    case "run_command":
      return `run_command ${action.name}`;
    case "run_server_command":
      return `run_server_command ${action.name} ${JSON.stringify(action.arguments)}`;
    case "clear_prompt":
      return "clear_prompt";
  }
}

export interface FakeTerminals {
  calls: string[];
  listTerminals: () => Promise<TerminalView[]>;
  terminalCommands: (id: string) => Promise<TerminalCommand[]>;
  driveTerminal: (id: string, action: TerminalAction) => Promise<void>;
  setTerminalPassword: (id: string, password: string) => Promise<TerminalView>;
  openInTerminal: (
    serverId: string,
    directory: string | null,
    sessionId: string | null,
  ) => Promise<string>;
}

export function fakeTerminals(
  listed: () => TerminalView[],
  over: Partial<Omit<FakeTerminals, "calls">> = {},
): FakeTerminals {
  const calls: string[] = [];
  const fake: FakeTerminals = {
    calls,
    listTerminals: () => {
      calls.push("list");
      return over.listTerminals?.() ?? Promise.resolve(listed());
    },
    terminalCommands: (id) => {
      calls.push(`commands ${id}`);
      return over.terminalCommands?.(id) ?? Promise.resolve([]);
    },
    driveTerminal: (id, action) => {
      calls.push(`drive ${id} ${describeAction(action)}`);
      return over.driveTerminal?.(id, action) ?? Promise.resolve();
    },
    setTerminalPassword: (id, password) => {
      calls.push(`password ${id} ${password}`);
      return over.setTerminalPassword?.(id, password) ?? Promise.reject(new Error("no password here"));
    },
    openInTerminal: (serverId, directory, sessionId) => {
      calls.push(`open ${serverId} ${directory ?? "-"} ${sessionId ?? "-"}`);
      return over.openInTerminal?.(serverId, directory, sessionId) ?? Promise.resolve("/usr/bin/kitty");
    },
  };
  return fake;
}
