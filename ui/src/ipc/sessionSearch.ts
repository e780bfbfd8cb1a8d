// The search over a project's sessions through the door (issue 20, "Search everything"): titles
// from the live server, text from the offline copies, merged and ranked in Rust
// (session_search.rs). Results unwrapped; a failure thrown as an AppError with Rust's sentence.
import { commands, type SessionHit_Serialize } from "../bindings";
import { toAppError } from "./index";

export type SessionHit = SessionHit_Serialize;

/** The sessions of the server's project holding every word of `query`, best first. */
export async function searchSessions(serverId: string, query: string): Promise<SessionHit[]> {
  const outcome = await commands.searchSessions(serverId, query);
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** The whole door, as screens and tests take it. */
export interface SessionSearchApi {
  searchSessions: typeof searchSessions;
}
