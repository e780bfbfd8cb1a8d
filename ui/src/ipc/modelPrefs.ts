// Favourite and recently used models, kept by Rust (src-tauri/src/model_prefs.rs): the picker's
// lists. Its own file so the door's index stays one wrapper per area.
import { commands, type CommandError, type ModelPrefs, type ModelRef } from "../bindings";
import { toAppError } from "./index";

export type { ModelPrefs };

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** The favourite and recent models (OpenCode's own lists until the app has made a change). */
export async function getModelPrefs(): Promise<ModelPrefs> {
  return unwrap(await commands.getModelPrefs());
}

/** Marks `model` a favourite, or no longer one; resolves to the lists as saved. */
export async function toggleFavoriteModel(model: ModelRef): Promise<ModelPrefs> {
  return unwrap(await commands.toggleFavoriteModel(model));
}

/** Puts `model` first among the recent ones. */
export async function noteModelUsed(model: ModelRef): Promise<ModelPrefs> {
  return unwrap(await commands.noteModelUsed(model));
}
