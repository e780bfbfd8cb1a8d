import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, type OAuthStarted, type ProviderChange, type ProviderChoice } from "../../ipc";
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
  // Browser sign-in: the test decides when (and how) the provider's page comes back.
  let pageBack: (outcome: ProviderChange | Error) => void = () => undefined;
  const startProviderOauth = vi.fn<
    (server: string, id: string, method: number, inputs: Record<string, string>) => Promise<OAuthStarted>
  >(() =>
      Promise.resolve({
        url: "https://auth.example.com/authorize?state=1",
        automatic: true,
        instructions: "Complete authorization in your browser.",
        open_failed: null,
      }),
  );
  const finishProviderOauth = vi.fn(
    (_server: string, id: string, _method: number, code: string | null): Promise<ProviderChange> => {
      if (code !== null) {
        if (code.trim() !== "good") {
          return Promise.reject(new AppError("InvalidInput", "The provider did not take that code."));
        }
        keys.set(id, "oauth");
        return Promise.resolve({ applied, message: "Signed in. Its models are in the model list." });
      }
      return new Promise((resolve, reject) => {
        pageBack = (outcome) => {
          if (outcome instanceof Error) {
            reject(outcome);
            return;
          }
          keys.set(id, "oauth");
          resolve(outcome);
        };
      });
    },
  );
  const cancelProviderOauth = vi.fn((): Promise<boolean> => {
    pageBack(new AppError("InvalidInput", "Signing in was cancelled."));
    return Promise.resolve(true);
  });
  return {
    listProviders,
    setProviderKey,
    removeProviderKey,
    startProviderOauth,
    finishProviderOauth,
    cancelProviderOauth,
    keys,
    pageBack: (outcome: ProviderChange | Error) => {
      pageBack(outcome);
    },
  };
}

async function setup(server: ReturnType<typeof fakeServer>, onApplied = vi.fn()) {
  render(() => (
    <ProvidersView
      serverId="srv"
      listProviders={server.listProviders}
      setProviderKey={server.setProviderKey}
      removeProviderKey={server.removeProviderKey}
      startProviderOauth={server.startProviderOauth}
      finishProviderOauth={server.finishProviderOauth}
      cancelProviderOauth={server.cancelProviderOauth}
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

  it("says what it is doing while the server checks a key", async () => {
    const server = fakeServer([provider("anthropic", "Anthropic")]);
    let answer: (change: ProviderChange) => void = () => undefined;
    server.setProviderKey.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    await setup(server);
    const card = section("Anthropic");
    fireEvent.input(within(card).getByLabelText("API key for Anthropic"), { target: { value: "sk-ant-1" } });
    fireEvent.click(within(card).getByRole("button", { name: "Connect" }));
    expect(within(card).getByRole("status").textContent).toBe("Checking the key…");
    answer({ applied: false, message: "Connected." });
    await settle();
    expect(within(section("Anthropic")).getByRole("status").textContent).toBe("Connected.");
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

  it("signs in through the browser: the page's address is shown, the wait ends when the page comes back", async () => {
    const server = fakeServer([
      provider("openai", "OpenAI", {
        methods: [
          { type: "oauth", label: "ChatGPT Pro/Plus (browser)", prompts: [] },
          { type: "api", label: "Manually enter API Key", prompts: [] },
        ],
      }),
    ]);
    const onApplied = await setup(server);
    const card = () => section("OpenAI");
    expect(within(card()).getByLabelText("API key for OpenAI")).toBeTruthy();
    fireEvent.click(within(card()).getByRole("button", { name: "Sign in: ChatGPT Pro/Plus (browser)" }));
    await settle();

    expect(server.startProviderOauth).toHaveBeenCalledWith("srv", "openai", 0, {});
    expect(server.finishProviderOauth).toHaveBeenCalledWith("srv", "openai", 0, null);
    expect(within(card()).getByLabelText<HTMLInputElement>("Sign-in address").value).toBe(
      "https://auth.example.com/authorize?state=1",
    );
    expect(within(card()).getByText("Waiting for the browser…")).toBeTruthy();
    expect(onApplied).not.toHaveBeenCalled();

    server.pageBack({ applied: true, message: "Signed in. Its models are in the model list." });
    await settle();
    await settle();
    expect(onApplied).toHaveBeenCalledTimes(1);
    expect(within(card()).getByRole("status").textContent).toBe("Signed in. Its models are in the model list.");
    expect(within(card()).getByText("Connected")).toBeTruthy();
    expect(within(card()).queryByText("Waiting for the browser…")).toBeNull();
  });

  it("asks the method's questions first, only those that apply, and sends only those answers", async () => {
    const server = fakeServer([
      provider("github-copilot", "GitHub Copilot", {
        methods: [
          {
            type: "oauth",
            label: "Login with GitHub Copilot",
            prompts: [
              {
                type: "select",
                key: "deploymentType",
                message: "Select GitHub deployment type",
                options: [
                  { label: "GitHub.com", value: "github.com", hint: "Public" },
                  { label: "GitHub Enterprise", value: "enterprise" },
                ],
              },
              {
                type: "text",
                key: "enterpriseUrl",
                message: "Enter your GitHub Enterprise URL or domain",
                when: { key: "deploymentType", op: "eq", value: "enterprise" },
              },
            ],
          },
        ],
      }),
    ]);
    await setup(server);
    const card = () => section("GitHub Copilot");
    expect(within(card()).queryByRole("button", { name: "Connect" })).toBeNull();
    fireEvent.click(within(card()).getByRole("button", { name: "Sign in: Login with GitHub Copilot" }));
    expect(server.startProviderOauth).not.toHaveBeenCalled();
    const kind = within(card()).getByLabelText("Select GitHub deployment type");
    expect(within(card()).queryByLabelText("Enter your GitHub Enterprise URL or domain")).toBeNull();

    fireEvent.change(kind, { target: { value: "enterprise" } });
    fireEvent.input(within(card()).getByLabelText("Enter your GitHub Enterprise URL or domain"), {
      target: { value: " company.ghe.com " },
    });
    fireEvent.change(kind, { target: { value: "github.com" } });
    expect(within(card()).queryByLabelText("Enter your GitHub Enterprise URL or domain")).toBeNull();
    fireEvent.click(within(card()).getByRole("button", { name: "Continue in the browser" }));
    await settle();
    expect(server.startProviderOauth).toHaveBeenCalledWith("srv", "github-copilot", 0, {
      deploymentType: "github.com",
    });
  });

  it("takes a pasted code when the page shows one: a refused code stays to fix, a good one signs in", async () => {
    const server = fakeServer([
      provider("anthropic", "Anthropic", {
        methods: [
          { type: "api", label: "Manually enter API Key", prompts: [] },
          { type: "oauth", label: "Claude Pro/Max", prompts: [] },
        ],
      }),
    ]);
    server.startProviderOauth.mockResolvedValueOnce({
      url: "https://claude.example/oauth",
      automatic: false,
      instructions: "Paste the authorization code here:",
      open_failed: "no browser here",
    });
    await setup(server);
    const card = () => section("Anthropic");
    fireEvent.click(within(card()).getByRole("button", { name: "Sign in: Claude Pro/Max" }));
    await settle();
    expect(server.startProviderOauth).toHaveBeenCalledWith("srv", "anthropic", 1, {});
    expect(server.finishProviderOauth).not.toHaveBeenCalled();
    expect(card().textContent).toContain("The browser did not open (no browser here): open this address yourself.");

    const code = within(card()).getByLabelText<HTMLInputElement>("Code from the provider's page");
    fireEvent.input(code, { target: { value: "bad" } });
    fireEvent.click(within(card()).getByRole("button", { name: "Finish" }));
    await settle();
    expect(within(card()).getByRole("alert").textContent).toBe("The provider did not take that code.");
    expect(code.value).toBe("bad");
    expect(code.getAttribute("aria-invalid")).toBe("true");

    fireEvent.input(code, { target: { value: "good" } });
    fireEvent.click(within(card()).getByRole("button", { name: "Finish" }));
    await settle();
    await settle();
    expect(server.finishProviderOauth).toHaveBeenLastCalledWith("srv", "anthropic", 1, "good");
    expect(within(card()).getByRole("status").textContent).toMatch(/^Signed in/);
    expect(within(card()).getByText("Connected")).toBeTruthy();
  });

  it("cancels a wait for the browser and offers to start over", async () => {
    const server = fakeServer([
      provider("poe", "Poe", { methods: [{ type: "oauth", label: "Login with Poe (browser)", prompts: [] }] }),
    ]);
    await setup(server);
    const card = () => section("Poe");
    fireEvent.click(within(card()).getByRole("button", { name: "Sign in: Login with Poe (browser)" }));
    await settle();
    fireEvent.click(within(card()).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(server.cancelProviderOauth).toHaveBeenCalledWith("srv", "poe");
    expect(within(card()).getByRole("alert").textContent).toBe("Signing in was cancelled.");
    expect(within(card()).getByRole("button", { name: "Sign in: Login with Poe (browser)" })).toBeTruthy();
    expect(server.keys.size).toBe(0);
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
      startProviderOauth={server.startProviderOauth}
      finishProviderOauth={server.finishProviderOauth}
      cancelProviderOauth={server.cancelProviderOauth}
      onApplied={vi.fn()}
    />
  ));
  await settle();
  expect(server.listProviders).not.toHaveBeenCalled();
  expect(screen.getByText("No OpenCode server is connected yet.")).toBeTruthy();
  expect(screen.queryByText("Loading providers…")).toBeNull();
});
