// Tiny factories for tests: only the fields the code under test reads, typed as the bindings say.
import type { Message, Part, Session } from "../ipc";

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
