// Tiny factories for tests: only the fields the code under test reads, typed as the bindings say.
import type { Message, Part, ServerInfo, Session } from "../ipc";

export function session(id: string, title = "A session"): Session {
  return {
    id,
    slug: id,
    projectID: "prj",
    directory: "/p",
    title,
    version: "1.18.33",
    time: { created: 1, updated: 1 },
  } as Session;
}

export function assistant(id: string, sessionID = "ses_1"): Message {
  return { role: "assistant", id, sessionID, time: { created: 1 } } as Message;
}

export function textPart(id: string, messageID: string, text = ""): Part {
  return { type: "text", id, sessionID: "ses_1", messageID, text } as Part;
}

/** A ready local server on project "/p", as the tests of the app shell start with. */
export function server(over: Partial<ServerInfo> = {}): ServerInfo {
  return {
    id: "server-1",
    name: "OpenCode",
    url: "http://127.0.0.1:4096",
    version: "1.18.33",
    directory: "/p",
    attached: false,
    status: { state: "ready" },
    ...over,
  };
}
