import { expect, it, vi } from "vitest";
import type { ModelRef } from "../ipc";
import type { ModelPrefs } from "../ipc/modelPrefs";
import { AppError } from "../ipc";
import { createModelPrefs, type ModelPrefsApi } from "./modelPrefs";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ref = (modelID: string): ModelRef => ({ providerID: "p", modelID });
const prefs = (over: Partial<ModelPrefs> = {}): ModelPrefs => ({ favorite: [], recent: [], problem: null, ...over });

function api(over: Partial<ModelPrefsApi> = {}): ModelPrefsApi {
  return {
    get: () => Promise.resolve(prefs()),
    toggleFavorite: () => Promise.resolve(prefs()),
    noteUsed: () => Promise.resolve(prefs()),
    ...over,
  };
}

it("reads the lists from Rust, with the problem Rust found reading its file", async () => {
  const state = createModelPrefs(
    api({ get: () => Promise.resolve(prefs({ favorite: [ref("a")], recent: [ref("b")], problem: "moved aside" })) }),
  );
  await settle();
  expect(state.favorite()).toEqual([ref("a")]);
  expect(state.recent()).toEqual([ref("b")]);
  expect(state.problem()).toBe("moved aside");
});

it("lights a star at once, then keeps what Rust saved", async () => {
  let answer: (p: ModelPrefs) => void = () => undefined;
  const toggleFavorite = vi.fn(() => new Promise<ModelPrefs>((resolve) => (answer = resolve)));
  const state = createModelPrefs(api({ toggleFavorite }));
  await settle();
  state.toggleFavorite(ref("a"));
  expect(state.favorite()).toEqual([ref("a")]);
  answer(prefs({ favorite: [ref("a"), ref("old")] }));
  await settle();
  expect(state.favorite()).toEqual([ref("a"), ref("old")]);
});

it("puts a star back, and says why, when saving failed", async () => {
  const state = createModelPrefs(
    api({
      get: () => Promise.resolve(prefs({ favorite: [ref("a")] })),
      toggleFavorite: () => Promise.reject(new AppError("Internal", "Could not save: disk full.")),
    }),
  );
  await settle();
  state.toggleFavorite(ref("a"));
  expect(state.favorite()).toEqual([]);
  await settle();
  expect(state.favorite()).toEqual([ref("a")]);
  expect(state.problem()).toBe("Could not save: disk full.");
});

it("notes a model used first, without duplicates, and skips a call when it is first already", async () => {
  const noteUsed = vi.fn((m: ModelRef) => Promise.resolve(prefs({ recent: [m, ref("a")] })));
  const state = createModelPrefs(api({ get: () => Promise.resolve(prefs({ recent: [ref("a"), ref("b")] })), noteUsed }));
  await settle();
  state.noteUsed(ref("b"));
  expect(state.recent()).toEqual([ref("b"), ref("a")]);
  await settle();
  state.noteUsed(ref("b"));
  expect(noteUsed).toHaveBeenCalledTimes(1);
});
