import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerInfo } from "../../ipc";
import ServerPanel, { type ServerPanelProps } from "./ServerPanel";

afterEach(cleanup);

function server(over: Partial<ServerInfo> = {}): ServerInfo {
  return {
    id: "local",
    name: "This computer",
    url: "http://127.0.0.1:4096",
    version: "1.18.33",
    directory: "/src/desk",
    attached: false,
    status: { state: "ready" },
    ...over,
  };
}

const REMOTE = server({
  id: "remote",
  name: "Build box",
  url: "https://box.example.com",
  attached: true,
  status: { state: "unauthorized", message: "The server refused the password." },
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(current: ServerInfo | undefined, overrides: Partial<ServerPanelProps> = {}) {
  const calls: string[] = [];
  const [shown, setShown] = createSignal(current);
  const props: Omit<ServerPanelProps, "current"> = {
    listServers: () => {
      calls.push("listServers");
      return Promise.resolve([server(), REMOTE]);
    },
    onSelectServer: (s) => calls.push(`select ${s.id}`),
    probeServer: () => Promise.resolve({ healthy: true, version: "1.18.33" }),
    connectServer: (url) => {
      calls.push(`connect ${url}`);
      return Promise.resolve();
    },
    savedServers: () => Promise.resolve([]),
    editSavedServer: () => Promise.reject(new Error("not in this test")),
    removeSavedServer: () => Promise.resolve(),
    onServerEdited: (s) => calls.push(`edited ${s.id}`),
    onServerRemoved: (id) => calls.push(`removed ${id}`),
    announcedServers: () => Promise.resolve(null),
    listProjects: (id) => {
      calls.push(`listProjects ${id}`);
      return Promise.resolve([]);
    },
    pickFolder: () => Promise.resolve(null),
    onOpenProject: () => Promise.resolve(),
    ...overrides,
  };
  render(() => <ServerPanel current={shown()} {...props} />);
  return { calls, setShown };
}

/** The current server's facts, as label → value. */
function facts(): Record<string, string> {
  const list = screen.getByRole("region", { name: "Servers and projects" }).querySelector("dl");
  const out: Record<string, string> = {};
  list?.querySelectorAll("dt").forEach((dt) => {
    out[dt.textContent] = dt.nextElementSibling?.textContent ?? "";
  });
  return out;
}

describe("ServerPanel", () => {
  it("shows the server in use: name, address, version, status, who runs it, the project", async () => {
    setup(server());
    await settle();
    expect(facts()).toEqual({
      Name: "This computer",
      Address: "http://127.0.0.1:4096",
      Version: "1.18.33",
      Status: "Ready",
      Runs: "Started by OpenCode Desk",
      Project: "/src/desk",
    });
  });

  it("shows an attached server's problem and missing facts plainly", async () => {
    setup({ ...REMOTE, version: null, directory: null });
    await settle();
    expect(facts()).toMatchObject({
      Version: "Unknown",
      Status: "Wrong user name or password: The server refused the password.",
      Runs: "Found running (the app leaves it running)",
      Project: "None",
    });
  });

  it("says when no server is connected, and offers no projects", async () => {
    const { calls } = setup(undefined);
    await settle();
    expect(screen.getByText(/^No OpenCode server is connected yet\. The app starts one when a project opens/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Projects" })).toBeNull();
    expect(calls.some((c) => c.startsWith("listProjects"))).toBe(false);
  });

  it("switches to another server, not to the one in use", async () => {
    const { calls } = setup(server());
    await settle();
    const list = screen.getByRole("listbox", { name: "Servers" });
    const [local, remote] = within(list).getAllByRole("option");
    expect(local?.getAttribute("aria-selected")).toBe("true");
    expect(remote?.textContent).toContain("Build box");
    expect(remote?.textContent).toContain("Wrong user name or password");
    local?.click();
    remote?.click();
    expect(calls.filter((c) => c.startsWith("select"))).toEqual(["select remote"]);
  });

  it("offers no switch list when only one server is known", async () => {
    setup(server(), { listServers: () => Promise.resolve([server()]) });
    await settle();
    expect(screen.queryByRole("listbox", { name: "Servers" })).toBeNull();
  });

  it("lists the servers again when the server in use or its status changes", async () => {
    const { calls, setShown } = setup(server());
    await settle();
    setShown(server({ status: { state: "restarting", attempt: 1, message: "Crashed" } }));
    await settle();
    expect(facts()["Status"]).toBe("Restarting (attempt 1): Crashed");
    expect(calls.filter((c) => c === "listServers")).toHaveLength(2);
  });

  it("shows a failure to list servers with a Retry", async () => {
    let attempts = 0;
    setup(server(), {
      listServers: () => {
        attempts += 1;
        return attempts === 1 ? Promise.reject(new Error("boom")) : Promise.resolve([server(), REMOTE]);
      },
    });
    expect((await screen.findByRole("alert")).textContent).toContain("Could not list the servers.");
    screen.getByRole("button", { name: "Retry" }).click();
    await settle();
    expect(screen.getByRole("listbox", { name: "Servers" })).toBeTruthy();
  });

  it("opens the add-server form, and closes it on cancel with focus back on the button", async () => {
    setup(server());
    await settle();
    screen.getByRole("button", { name: "Add remote server…" }).click();
    const form = screen.getByRole("form", { name: "Add a remote server" });
    fireEvent.keyDown(within(form).getByRole("textbox", { name: "Address" }), { key: "Escape" });
    expect(screen.queryByRole("form")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Add remote server…" }));
  });

  it("closes the form after connecting and lists the servers again", async () => {
    const { calls } = setup(server());
    await settle();
    screen.getByRole("button", { name: "Add remote server…" }).click();
    fireEvent.input(screen.getByRole("textbox", { name: "Address" }), {
      target: { value: "https://box.example.com" },
    });
    screen.getByRole("button", { name: "Connect" }).click();
    await settle();
    expect(calls).toContain("connect https://box.example.com");
    expect(screen.queryByRole("form")).toBeNull();
    expect(calls.filter((c) => c === "listServers")).toHaveLength(2);
  });

  it("lists the projects of the server in use", async () => {
    const { calls } = setup(server());
    await settle();
    expect(screen.getByRole("region", { name: "Projects" })).toBeTruthy();
    expect(calls).toContain("listProjects local");
  });

  it("offers a server announced on the local network in the Add form, with the clear-text warning", async () => {
    const { calls } = setup(server(), {
      announcedServers: () =>
        Promise.resolve([
          { name: "opencode-4096", url: "http://192.168.1.7:4096", saved: false, clear_text_warning: "x" },
          { name: "opencode-5000", url: "http://192.168.1.8:5000", saved: true, clear_text_warning: "x" },
        ]),
    });
    const found = await screen.findByRole("list", { name: "Servers on the local network" });
    expect(within(found).getByRole("listitem", { name: "opencode-5000" }).textContent).toContain("Saved");
    within(within(found).getByRole("listitem", { name: "opencode-4096" }))
      .getByRole("button", { name: "Connect…" })
      .click();
    const address = await screen.findByRole<HTMLInputElement>("textbox", { name: "Address" });
    expect(address.value).toBe("http://192.168.1.7:4096");
    expect(screen.getByText(/the password travels in clear/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "pw" } });
    screen.getByRole("button", { name: "Connect" }).click();
    await settle();
    expect(calls).toContain("connect http://192.168.1.7:4096");
  });

  it("shows nothing of the local network while mDNS is off", async () => {
    setup(server());
    await settle();
    expect(screen.queryByText("On the local network")).toBeNull();
  });
});
