import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, type ProviderChange, type ProviderChoice } from "../../ipc";
import ProvidersView from "./ProvidersView";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function provider(id: string, name: string, over: Partial<ProviderChoice> = {}): ProviderChoice {
  return { id, name, models: 3, connected: false, methods: [], ...over };
}

/** A server that keeps keys: connected ones are listed as such on the next look. */
function fakeServer(initial: ProviderChoice[], applied = true) {
  const keys = new Map<string, string>();
  const listProviders = vi.fn<(serverId: string) => Promise<ProviderChoice[]>>(() =>
    Promise.resolve(initial.map((p) => ({ ...p, connected: p.connected || keys.has(p.id) }))),
  );
  const setProviderKey = vi.fn((_server: string, id: string, key: string): Promise<ProviderChange> => {
    if (!key.trim()) return Promise.reject(new AppError("InvalidInput", "Paste the provider's API key first."));
    keys.set(id, key);
    return Promise.resolve({ applied, message: "Connected. Its models are in the model list." });
  });
  const removeProviderKey = vi.fn((_server: string, id: string): Promise<ProviderChange> => {
    keys.delete(id);
    return Promise.resolve({ applied, message: "Disconnected. Its models are in the model list." });
  });
  return { listProviders, setProviderKey, removeProviderKey, keys };
}

async function setup(server: ReturnType<typeof fakeServer>, onApplied = vi.fn()) {
  render(() => (
    <ProvidersView
      serverId="srv"
      listProviders={server.listProviders}
      setProviderKey={server.setProviderKey}
      removeProviderKey={server.removeProviderKey}
      onApplied={onApplied}
    />
  ));
  await settle();
  return onApplied;
}

const section = (name: string) => screen.getByRole("region", { name });

describe("ProvidersView", () => {
  it("lists the server's providers, marks the connected ones, and finds one by search", async () => {
    const server = fakeServer([
      provider("opencode", "OpenCode Zen", { connected: true }),
      provider("anthropic", "Anthropic"),
      provider("openai", "OpenAI"),
    ]);
    await setup(server);
    expect(server.listProviders).toHaveBeenCalledWith("srv");
    expect(within(section("OpenCode Zen")).getByText("Connected")).toBeTruthy();
    expect(within(section("Anthropic")).queryByText("Connected")).toBeNull();

    fireEvent.input(screen.getByRole("searchbox", { name: "Search providers" }), {
      target: { value: "anth" },
    });
    const list = screen.getByRole("list", { name: "Providers" });
    expect(within(list).getAllByRole("region").map((r) => r.getAttribute("aria-label"))).toEqual([
      "Anthropic",
    ]);
  });

  it("connects with a masked key, says what happened, and reloads the models when applied", async () => {
    const server = fakeServer([provider("anthropic", "Anthropic")]);
    const onApplied = await setup(server);
    const field = within(section("Anthropic")).getByLabelText<HTMLInputElement>("API key for Anthropic");
    expect(field.type).toBe("password");
    fireEvent.input(field, { target: { value: "sk-ant-1" } });
    fireEvent.click(within(section("Anthropic")).getByRole("button", { name: "Connect" }));
    await settle();
    await settle();

    expect(server.setProviderKey).toHaveBeenCalledWith("srv", "anthropic", "sk-ant-1");
    expect(onApplied).toHaveBeenCalledTimes(1);
    const card = section("Anthropic");
    expect(within(card).getByRole("status").textContent).toBe("Connected. Its models are in the model list.");
    expect(within(card).getByText("Connected")).toBeTruthy();

    fireEvent.click(within(card).getByRole("button", { name: "Disconnect" }));
    await settle();
    await settle();
    expect(server.removeProviderKey).toHaveBeenCalledWith("srv", "anthropic");
    expect(server.keys.size).toBe(0);
    expect(onApplied).toHaveBeenCalledTimes(2);
    expect(within(section("Anthropic")).getByRole("status").textContent).toMatch(/^Disconnected/);
    expect(within(section("Anthropic")).getByRole("button", { name: "Connect" })).toBeTruthy();
  });

  it("shows a refused key's reason next to the field and keeps what was typed", async () => {
    const server = fakeServer([provider("anthropic", "Anthropic")]);
    const onApplied = await setup(server);
    const field = within(section("Anthropic")).getByLabelText<HTMLInputElement>("API key for Anthropic");
    fireEvent.input(field, { target: { value: "   " } });
    fireEvent.click(within(section("Anthropic")).getByRole("button", { name: "Connect" }));
    await settle();

    expect(within(section("Anthropic")).getByRole("alert").textContent).toBe(
      "Paste the provider's API key first.",
    );
    expect(field.value).toBe("   ");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(onApplied).not.toHaveBeenCalled();
    expect(server.keys.size).toBe(0);
  });

  it("lists OAuth sign-ins by label and says they are not in the app yet; OAuth-only has no key field", async () => {
    const server = fakeServer([
      provider("copilot", "GitHub Copilot", { methods: [{ type: "oauth", label: "Login with GitHub", prompts: [] }] }),
      provider("anthropic", "Anthropic", {
        methods: [
          { type: "oauth", label: "Claude Pro/Max", prompts: [] },
          { type: "api", label: "Manually enter API Key", prompts: [] },
        ],
      }),
    ]);
    await setup(server);
    const copilot = section("GitHub Copilot");
    expect(within(copilot).getByText(/Login with GitHub/)).toBeTruthy();
    expect(copilot.textContent).toContain(
      "Sign in through the browser is not in the app yet: use opencode auth login",
    );
    expect(within(copilot).queryByRole("button", { name: "Connect" })).toBeNull();
    expect(within(section("Anthropic")).getByText(/Claude Pro\/Max/)).toBeTruthy();
    expect(within(section("Anthropic")).getByLabelText("API key for Anthropic")).toBeTruthy();
  });

  it("does not reload the models when the change waits for a reply to finish", async () => {
    const server = fakeServer([provider("anthropic", "Anthropic")], false);
    const onApplied = await setup(server);
    fireEvent.input(within(section("Anthropic")).getByLabelText("API key for Anthropic"), {
      target: { value: "sk-1" },
    });
    fireEvent.click(within(section("Anthropic")).getByRole("button", { name: "Connect" }));
    await settle();
    expect(within(section("Anthropic")).getByRole("status").textContent).toBe(
      "Connected. Its models are in the model list.",
    );
    expect(onApplied).not.toHaveBeenCalled();
  });

  it("says so when the list cannot be had", async () => {
    const server = fakeServer([]);
    server.listProviders.mockRejectedValueOnce(new AppError("Unreachable", "The server is gone."));
    await setup(server);
    expect(screen.getByRole("alert").textContent).toBe("The server is gone.");
  });
});

it("says a server is needed when none is connected yet, instead of loading forever", async () => {
  const server = fakeServer([]);
  render(() => (
    <ProvidersView
      serverId={undefined}
      listProviders={server.listProviders}
      setProviderKey={server.setProviderKey}
      removeProviderKey={server.removeProviderKey}
      onApplied={vi.fn()}
    />
  ));
  await settle();
  expect(server.listProviders).not.toHaveBeenCalled();
  expect(screen.getByText("No OpenCode server is connected yet.")).toBeTruthy();
  expect(screen.queryByText("Loading providers…")).toBeNull();
});
