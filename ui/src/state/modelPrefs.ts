// The favourite and recent models as the window sees them: read from Rust once, changed
// optimistically (a star lights at once) and corrected by what Rust saved, or put back with the
// reason when saving failed. Rust owns the lists; this only mirrors them.
import { createSignal } from "solid-js";
import type { ModelRef } from "../ipc";
import * as ipc from "../ipc/modelPrefs";
import type { ModelPrefs } from "../ipc/modelPrefs";
import type { Outgoing } from "./drafts";

export interface ModelPrefsApi {
  get: () => Promise<ModelPrefs>;
  toggleFavorite: (model: ModelRef) => Promise<ModelPrefs>;
  noteUsed: (model: ModelRef) => Promise<ModelPrefs>;
}

export interface ModelPrefsState {
  favorite: () => readonly ModelRef[];
  recent: () => readonly ModelRef[];
  /** What went wrong reading or saving the lists, for a person. */
  problem: () => string | undefined;
  toggleFavorite: (model: ModelRef) => void;
  noteUsed: (model: ModelRef) => void;
}

const same = (a: ModelRef, b: ModelRef) => a.providerID === b.providerID && a.modelID === b.modelID;
const plain = (m: ModelRef): ModelRef => ({ providerID: m.providerID, modelID: m.modelID });

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createModelPrefs(api: ModelPrefsApi, recentCap = 5): ModelPrefsState {
  const [favorite, setFavorite] = createSignal<readonly ModelRef[]>([]);
  const [recent, setRecent] = createSignal<readonly ModelRef[]>([]);
  const [problem, setProblem] = createSignal<string>();
  // Each change's answer replaces the lists; a later answer always wins over an earlier one.
  let asked = 0;

  const accept = (n: number, prefs: ModelPrefs) => {
    if (n !== asked) return;
    setFavorite(prefs.favorite);
    setRecent(prefs.recent);
    setProblem(prefs.problem ?? undefined);
  };

  const change = (call: Promise<ModelPrefs>, undo: () => void) => {
    const n = ++asked;
    call.then(
      (prefs) => {
        accept(n, prefs);
      },
      (error: unknown) => {
        if (n !== asked) return;
        undo();
        setProblem(message(error));
      },
    );
  };

  const n = ++asked;
  api.get().then(
    (prefs) => {
      accept(n, prefs);
    },
    (error: unknown) => setProblem(`The favourite and recent models could not be read: ${message(error)}`),
  );

  return {
    favorite,
    recent,
    problem,
    toggleFavorite: (model) => {
      const before = favorite();
      const on = before.some((m) => same(m, model));
      setFavorite(on ? before.filter((m) => !same(m, model)) : [plain(model), ...before]);
      change(api.toggleFavorite(plain(model)), () => setFavorite(before));
    },
    noteUsed: (model) => {
      const before = recent();
      if (before[0] && same(before[0], model)) return;
      setRecent([plain(model), ...before.filter((m) => !same(m, model))].slice(0, recentCap));
      change(api.noteUsed(plain(model)), () => setRecent(before));
    },
  };
}

let shared: ModelPrefsState | undefined;

/** The window's one copy, read from Rust on first use. */
export function modelPrefs(): ModelPrefsState {
  shared ??= createModelPrefs({
    get: ipc.getModelPrefs,
    toggleFavorite: ipc.toggleFavoriteModel,
    noteUsed: ipc.noteModelUsed,
  });
  return shared;
}

/** Notes the model a prompt or command went out with (the composer calls it on send). */
export function noteModelSent(outgoing: Outgoing): void {
  const model = outgoing.kind === "prompt" ? outgoing.draft.model : outgoing.choice.model;
  if (model) modelPrefs().noteUsed(model);
}
