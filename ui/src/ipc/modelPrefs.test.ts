// The favourite and recent model commands through the door: the model passed as Rust names it,
// results unwrapped, a refusal thrown as an AppError with its sentence.
import { afterEach, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import { getModelPrefs, noteModelUsed, toggleFavoriteModel } from "./modelPrefs";

afterEach(() => {
  clearMocks();
});

const model = { providerID: "anthropic", modelID: "claude-sonnet-4" };

it("reads the lists, toggles a favourite and notes a use, passing what Rust expects", async () => {
  const seen: unknown[] = [];
  mockIPC((cmd, args) => {
    seen.push({ cmd, args });
    return { favorite: [model], recent: [], problem: null };
  });
  await expect(getModelPrefs()).resolves.toEqual({ favorite: [model], recent: [], problem: null });
  await toggleFavoriteModel(model);
  await noteModelUsed(model);
  expect(seen).toEqual([
    { cmd: "get_model_prefs", args: {} },
    { cmd: "toggle_favorite_model", args: { model } },
    { cmd: "note_model_used", args: { model } },
  ]);
});

it("throws a refusal as an AppError with Rust's sentence", async () => {
  mockIPC(() => {
    // Tauri rejects with the command's error value itself, not an Error.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw { kind: "Internal", message: "Could not save the favourite and recent models." };
  });
  const error = await toggleFavoriteModel(model).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ kind: "Internal", message: "Could not save the favourite and recent models." });
});
