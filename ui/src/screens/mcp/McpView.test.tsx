import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../../ipc";
import type { McpAddOutcome, McpServerInput, McpServerView, McpStatus } from "../../ipc/mcp";
import McpView from "./McpView";
import { parsePairs } from "./mcpForm";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const view = (name: string, status: McpStatus, saved = true): McpServerView => ({ name, status, saved });

/** A server that keeps MCP servers by name, as the real one does for one running instance. */
function fakeServer(initial: McpServerView[]) {
  const servers = new Map(initial.map((s) => [s.name, s]));
  const all = () => [...servers.values()];
  const listMcpServers = vi.fn<(serverId: string) => Promise<McpServerView[]>>(() => Promise.resolve(all()));
  const addMcpServer = vi.fn((_server: string, input: McpServerInput): Promise<McpAddOutcome> => {
    if (input.type === "local" && input.command === "/no/such") {
      servers.set(input.name, view(input.name, { status: "failed", error: "ENOENT" }, false));
      return Promise.resolve({
        outcome: "refused",
        field: "command",
        message: "“/no/such” was not found where the OpenCode server runs. Nothing was saved.",
      });
    }
    if (input.type === "remote" && input.url === "https://down.example/mcp") {
      return Promise.reject(new AppError("Unreachable", "The OpenCode server did not answer."));
    }
    servers.set(input.name, view(input.name, { status: "connected" }));
    return Promise.resolve({ outcome: "added", servers: all(), message: "Connected. Saved." });
  });
  const setMcpConnected = vi.fn((_server: string, name: string, connected: boolean) => {
    servers.set(name, view(name, { status: connected ? "connected" : "disabled" }));
    return Promise.resolve(all());
  });
  let openFailed: string | null = null;
  const startMcpAuth = vi.fn((_server: string, name: string) =>
    Promise.resolve({ url: `https://auth.example/authorize?for=${name}`, open_failed: openFailed }),
  );
  const browserFails = (why: string) => {
    openFailed = why;
  };
  const mcpAuthCallback = vi.fn((_server: string, name: string, code: string) => {
    if (code !== "good") return Promise.reject(new AppError("InvalidInput", "The sign-in did not go through: bad code"));
    servers.set(name, view(name, { status: "connected" }));
    return Promise.resolve(all());
  });
  const signInInBrowser = (name: string) => servers.set(name, view(name, { status: "connected" }));
  return {
    listMcpServers,
    addMcpServer,
    setMcpConnected,
    startMcpAuth,
    mcpAuthCallback,
    signInInBrowser,
    browserFails,
  };
}

async function setup(server: ReturnType<typeof fakeServer>) {
  render(() => (
    <McpView
      serverId="srv"
      listMcpServers={server.listMcpServers}
      addMcpServer={server.addMcpServer}
      setMcpConnected={server.setMcpConnected}
      startMcpAuth={server.startMcpAuth}
      mcpAuthCallback={server.mcpAuthCallback}
    />
  ));
  await settle();
}

const card = (name: string) => within(screen.getByRole("list", { name: "MCP servers" })).getByRole("region", { name });
const form = () => screen.getByRole("form", { name: "Add MCP server" });
const type = (label: string, value: string) => {
  fireEvent.input(within(form()).getByLabelText(label), { target: { value } });
};

describe("McpView", () => {
  it("lists each server with its state, the error of a failed one, and whether it is saved", async () => {
    const server = fakeServer([
      view("files", { status: "connected" }),
      view("broken", { status: "failed", error: "MCP error -32000: Connection closed" }, false),
      view("github", { status: "needs_auth" }),
      view("off", { status: "disabled" }),
      view("later", { status: "unknown", kind: "sleeping", raw: {} }),
    ]);
    await setup(server);
    expect(server.listMcpServers).toHaveBeenCalledWith("srv");
    expect(within(card("files")).getByText("Connected")).toBeTruthy();
    expect(within(card("files")).getByRole("button", { name: "Disconnect" })).toBeTruthy();
    expect(within(card("broken")).getByText("Failed")).toBeTruthy();
    expect(within(card("broken")).getByText("MCP error -32000: Connection closed")).toBeTruthy();
    expect(within(card("broken")).getByText(/Not saved/)).toBeTruthy();
    expect(within(card("broken")).getByRole("button", { name: "Retry" })).toBeTruthy();
    expect(within(card("files")).queryByText(/Not saved/)).toBeNull();
    expect(within(card("github")).getByText("Needs sign-in")).toBeTruthy();
    expect(within(card("off")).getByRole("button", { name: "Connect" })).toBeTruthy();
    expect(within(card("later")).getByText("sleeping")).toBeTruthy();
  });

  it("disconnects and connects a server, showing its new state", async () => {
    const server = fakeServer([view("files", { status: "connected" })]);
    await setup(server);
    fireEvent.click(within(card("files")).getByRole("button", { name: "Disconnect" }));
    await settle();
    expect(server.setMcpConnected).toHaveBeenCalledWith("srv", "files", false);
    expect(within(card("files")).getByText("Disabled")).toBeTruthy();
    fireEvent.click(within(card("files")).getByRole("button", { name: "Connect" }));
    await settle();
    expect(server.setMcpConnected).toHaveBeenLastCalledWith("srv", "files", true);
    expect(within(card("files")).getByText("Connected")).toBeTruthy();
  });

  it("shows a refused command next to its field, keeps what was typed, and adds once fixed", async () => {
    const server = fakeServer([]);
    await setup(server);
    expect(screen.getByText("No MCP server yet: add one below to give the agent more tools.")).toBeTruthy();
    type("Name", "tools");
    type("Command", "/no/such");
    type("Arguments", "--stdio 'a b'");
    type("Environment (optional)", "TOKEN=x");
    fireEvent.submit(form());
    await settle();

    expect(server.addMcpServer).toHaveBeenCalledWith("srv", {
      type: "local",
      name: "tools",
      command: "/no/such",
      args: "--stdio 'a b'",
      environment: { TOKEN: "x" },
    });
    const command = within(form()).getByLabelText<HTMLInputElement>("Command");
    const describedBy = command.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toMatch(/was not found/);
    expect(command.getAttribute("aria-invalid")).toBe("true");
    expect(command.value).toBe("/no/such");
    expect(within(form()).getByLabelText<HTMLInputElement>("Name").value).toBe("tools");
    expect(within(form()).getByLabelText<HTMLInputElement>("Arguments").value).toBe("--stdio 'a b'");

    type("Command", "npx");
    fireEvent.submit(form());
    await settle();
    expect(within(form()).getByRole("status").textContent).toBe("Connected. Saved.");
    expect(within(form()).getByLabelText<HTMLInputElement>("Command").value).toBe("");
    expect(within(card("tools")).getByText("Connected")).toBeTruthy();
  });

  it("refuses an environment line that is not NAME=value before asking anyone", async () => {
    const server = fakeServer([]);
    await setup(server);
    type("Name", "tools");
    type("Command", "npx");
    type("Environment (optional)", "TOKEN x");
    fireEvent.submit(form());
    await settle();
    expect(server.addMcpServer).not.toHaveBeenCalled();
    const env = within(form()).getByLabelText("Environment (optional)");
    expect(document.getElementById(env.getAttribute("aria-describedby") ?? "")?.textContent).toMatch(
      /not NAME=value/,
    );
  });

  it("adds a remote server with headers, and says a failure of the server without losing the form", async () => {
    const server = fakeServer([]);
    await setup(server);
    fireEvent.click(within(form()).getByLabelText("At a URL"));
    type("Name", "web");
    type("URL", "https://down.example/mcp");
    type("Headers (optional)", "Authorization: Bearer t\n\nX-Team: a:b");
    fireEvent.submit(form());
    await settle();
    expect(server.addMcpServer).toHaveBeenCalledWith("srv", {
      type: "remote",
      name: "web",
      url: "https://down.example/mcp",
      headers: { Authorization: "Bearer t", "X-Team": "a:b" },
    });
    expect(within(form()).getByRole("alert").textContent).toBe("The OpenCode server did not answer.");
    expect(within(form()).getByLabelText<HTMLInputElement>("URL").value).toBe("https://down.example/mcp");
  });

  it("opens the sign-in page and follows the server until it is connected", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const server = fakeServer([view("github", { status: "needs_auth" })]);
    await setup(server);
    fireEvent.click(within(card("github")).getByRole("button", { name: "Authenticate" }));
    await settle();
    expect(server.startMcpAuth).toHaveBeenCalledWith("srv", "github");
    expect(within(card("github")).getByText(/Finish signing in in your browser/)).toBeTruthy();
    expect(within(card("github")).getByLabelText<HTMLInputElement>("Sign-in address").value).toBe(
      "https://auth.example/authorize?for=github",
    );

    server.signInInBrowser("github");
    vi.advanceTimersByTime(2000);
    await settle();
    expect(within(card("github")).getByText("Connected")).toBeTruthy();
    expect(within(card("github")).queryByText(/Finish signing in/)).toBeNull();
  });

  it("says when the browser did not open, with the address to open by hand", async () => {
    const server = fakeServer([view("github", { status: "needs_auth" })]);
    server.browserFails("no browser");
    await setup(server);
    fireEvent.click(within(card("github")).getByRole("button", { name: "Authenticate" }));
    await settle();
    expect(within(card("github")).getByRole("status").textContent).toBe(
      "The browser did not open (no browser): open this address to sign in.",
    );
    expect(within(card("github")).getByLabelText<HTMLInputElement>("Sign-in address").value).toBe(
      "https://auth.example/authorize?for=github",
    );
  });

  it("sends a pasted code, and says a wrong one on the card", async () => {
    const server = fakeServer([view("github", { status: "needs_auth" })]);
    await setup(server);
    fireEvent.click(within(card("github")).getByRole("button", { name: "Authenticate" }));
    await settle();
    const field = within(card("github")).getByLabelText("Or paste the code the page gave you");
    fireEvent.input(field, { target: { value: "bad" } });
    fireEvent.click(within(card("github")).getByRole("button", { name: "Send code" }));
    await settle();
    expect(within(card("github")).getByRole("alert").textContent).toMatch(/did not go through/);

    fireEvent.input(field, { target: { value: "good" } });
    fireEvent.click(within(card("github")).getByRole("button", { name: "Send code" }));
    await settle();
    expect(server.mcpAuthCallback).toHaveBeenLastCalledWith("srv", "github", "good");
    expect(within(card("github")).getByText("Connected")).toBeTruthy();
  });
});

describe("parsePairs", () => {
  it("reads one pair a line, splitting at the first separator, and names a bad line", () => {
    expect(parsePairs("A=1\n\n B = x=y ", "=")).toEqual({ ok: true, pairs: { A: "1", B: "x=y" } });
    expect(parsePairs("=1", "=")).toEqual({ ok: false, message: "“=1” is not NAME=value: one a line." });
  });
});
