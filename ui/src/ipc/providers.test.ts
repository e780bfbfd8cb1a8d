// The provider sign-in commands through the door: arguments passed as Rust names them, results
// unwrapped, a refusal thrown as an AppError with its sentence.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError, listProviders, removeProviderKey, setProviderKey } from "./index";

afterEach(() => {
  clearMocks();
});

describe("provider commands", () => {
  it("lists a server's providers, sets a key and removes it, passing what Rust expects", async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      if (cmd === "list_providers") {
        return [{ id: "anthropic", name: "Anthropic", models: 9, connected: false, methods: [] }];
      }
      return { applied: true, message: "Connected. Its models are in the model list." };
    });
    await expect(listProviders("s1")).resolves.toEqual([
      { id: "anthropic", name: "Anthropic", models: 9, connected: false, methods: [] },
    ]);
    await expect(setProviderKey("s1", "anthropic", "sk-1")).resolves.toEqual({
      applied: true,
      message: "Connected. Its models are in the model list.",
    });
    await removeProviderKey("s1", "anthropic");
    expect(seen).toEqual([
      { cmd: "list_providers", args: { serverId: "s1" } },
      { cmd: "set_provider_key", args: { serverId: "s1", providerId: "anthropic", key: "sk-1" } },
      { cmd: "remove_provider_key", args: { serverId: "s1", providerId: "anthropic" } },
    ]);
  });

  it("throws a refused key as an AppError with the backend's sentence", async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "InvalidInput", message: "Paste the provider's API key first." };
    });
    const error = await setProviderKey("s1", "anthropic", " ").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "InvalidInput", message: "Paste the provider's API key first." });
  });
});
