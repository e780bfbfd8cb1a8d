import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type SavedServer, type ServerEdit, type ServerInfo } from "../../ipc";
import SavedServers, { type SavedServersProps } from "./SavedServers";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function saved(over: Partial<SavedServer> = {}): SavedServer {
  return {
    id: "remote-1",
    server_id: "remote-1",
    name: "Build box",
    url: "http://192.168.1.20:4096",
    username: null,
    clear_text_warning: "This address uses http://: the password travels in clear over the network.",
    password_note: null,
    ...over,
  };
}

function info(over: Partial<ServerInfo> = {}): ServerInfo {
  return {
    id: "remote-1",
    name: "Build box",
    url: "http://192.168.1.20:4096",
    version: "1.18.33",
    directory: null,
    attached: true,
    status: { state: "ready" },
    ...over,
  };
}

function setup(list: SavedServer[], overrides: Partial<SavedServersProps> = {}) {
  const calls: unknown[][] = [];
  let current = list;
  const props: SavedServersProps = {
    savedServers: () => Promise.resolve(current),
    editSavedServer: (id, edit) => {
      calls.push(["edit", id, edit]);
      return Promise.resolve(info({ name: edit.name }));
    },
    removeSavedServer: (id) => {
      calls.push(["remove", id]);
      current = current.filter((s) => s.id !== id);
      return Promise.resolve();
    },
    connected: [info({ status: { state: "unauthorized", message: "No password is kept for this server: edit it to enter one." } })],
    reload: 0,
    onEdited: (server) => calls.push(["edited", server.id]),
    onRemoved: (id) => calls.push(["removed", id]),
    ...overrides,
  };
  render(() => <SavedServers {...props} />);
  return { calls };
}

describe("SavedServers", () => {
  it("lists each saved server with its status, the clear-text warning and the password note", async () => {
    setup([saved({ password_note: "No keychain available: the password is kept for this session only (x)" })]);
    const item = await screen.findByRole("listitem", { name: "Build box" });
    expect(item.textContent).toContain("http://192.168.1.20:4096");
    expect(item.textContent).toContain("No password is kept for this server");
    expect(item.textContent).toContain("the password travels in clear");
    expect(item.textContent).toContain("kept for this session only");
  });

  it("shows nothing when no server is saved", async () => {
    setup([]);
    await settle();
    expect(screen.queryByRole("list", { name: "Saved servers" })).toBeNull();
  });

  it("edits address, name, user and password; an empty password keeps the one kept", async () => {
    const { calls } = setup([saved()]);
    (await screen.findByRole("button", { name: "Edit" })).click();
    const form = screen.getByRole("form", { name: "Edit Build box" });
    const field = (name: string) => within(form).getByLabelText<HTMLInputElement>(name);
    expect(field("Address").value).toBe("http://192.168.1.20:4096");
    fireEvent.input(field("Address"), { target: { value: "https://box.example.com" } });
    expect(within(form).queryByText(/travels in clear/)).toBeNull();
    fireEvent.input(field("Name"), { target: { value: "Box" } });
    within(form).getByRole("button", { name: "Save" }).click();
    await settle();
    const edit: ServerEdit = { url: "https://box.example.com", name: "Box", username: null, password: null };
    expect(calls).toEqual([["edit", "remote-1", edit], ["edited", "remote-1"]]);
    expect(screen.queryByRole("form")).toBeNull();

    (await screen.findByRole("button", { name: "Edit" })).click();
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "new secret" } });
    fireEvent.submit(screen.getByRole("form"));
    await settle();
    expect(calls[2]?.[2]).toMatchObject({ password: "new secret" });
  });

  it("shows why an edit was refused and keeps the form", async () => {
    setup([saved()], {
      editSavedServer: () =>
        Promise.reject(new AppError("InvalidInput", "The setting servers[0].url is not valid: no address given.")),
    });
    (await screen.findByRole("button", { name: "Edit" })).click();
    screen.getByRole("button", { name: "Save" }).click();
    expect((await screen.findByRole("alert")).textContent).toContain("servers[0].url");
    expect(screen.getByRole("form", { name: "Edit Build box" })).toBeTruthy();
  });

  it("removes a server only after the confirm, and tells the panel", async () => {
    const { calls } = setup([saved()]);
    (await screen.findByRole("button", { name: "Remove…" })).click();
    const confirm = screen.getByRole("group", { name: "Remove Build box" });
    within(confirm).getByRole("button", { name: "Keep" }).click();
    expect(calls).toEqual([]);
    screen.getByRole("button", { name: "Remove…" }).click();
    within(screen.getByRole("group", { name: "Remove Build box" }))
      .getByRole("button", { name: "Remove" })
      .click();
    await settle();
    await settle();
    expect(calls).toEqual([["remove", "remote-1"], ["removed", "remote-1"]]);
    expect(screen.queryByRole("list", { name: "Saved servers" })).toBeNull();
  });
});
