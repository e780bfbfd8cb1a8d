// The session both benchmarks measure, made up on the spot by bench/session.mjs (the real-app
// benchmark imports the same one into OpenCode), typed as the bindings' MessageWithParts.
import type { MessageWithParts } from "../../ui/src/ipc";
import { generateMessages } from "../session.mjs";

export const SESSION = "ses_bench";

export function generateSession(messageCount = 3000, seed = 42): MessageWithParts[] {
  return generateMessages({ count: messageCount, seed, sessionID: SESSION }) as MessageWithParts[];
}
