import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type Health } from "../../ipc";
import AddServerForm, { type AddServerFormProps, type ServerCredentials } from "./AddServerForm";

afterEach(cleanup);

/** A promise the test settles when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Call = [string, string, ServerCredentials];

function setup(overrides: Partial<AddServerFormProps> = {}) {
  const calls: Call[] = [];
  const events: string[] = [];
  const props: AddServerFormProps = {
    probeServer: (url, credentials) => {
      calls.push(["probe", url, credentials]);
      return Promise.resolve<Health>({ healthy: true, version: "1.18.33" });
    },
    connectServer: (url, credentials) => {
      calls.push(["connect", url, credentials]);
      return Promise.resolve();
    },
    onConnected: () => events.push("connected"),
    onCancel: () => events.push("cancel"),
    ...overrides,
  };
  render(() => <AddServerForm {...props} />);
  const form = screen.getByRole("form", { name: "Add a remote server" });
  const address = screen.getByRole<HTMLInputElement>("textbox", { name: "Address" });
  const user = screen.getByRole<HTMLInputElement>("textbox", { name: "User name" });
  const password = screen.getByLabelText<HTMLInputElement>("Password");
  const type = (input: HTMLInputElement, value: string) => {
    fireEvent.input(input, { target: { value } });
  };
  const button = (name: string) => screen.getByRole<HTMLButtonElement>("button", { name });
  return { calls, events, form, address, user, password, type, button };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("AddServerForm", () => {
  it("starts with the default user name and an empty password", () => {
    const { user, password, address } = setup();
    expect(user.value).toBe("opencode");
    expect(password.value).toBe("");
    expect(password.type).toBe("password");
    expect(address.getAttribute("aria-invalid")).toBe("false");
  });

  it.each([
    ["", /Enter the server's address/],
    ["ftp://files.example.com", /must start with http:\/\/ or https:\/\//],
  ])("refuses the address %j without calling the backend", (url, problem) => {
    const { calls, address, type, button } = setup();
    type(address, url);
    button("Connect").click();
    button("Test connection").click();
    expect(calls).toEqual([]);
    expect(address.getAttribute("aria-invalid")).toBe("true");
    const hint = document.getElementById(address.getAttribute("aria-describedby") ?? "");
    expect(hint?.textContent).toMatch(problem);
    expect(document.activeElement).toBe(address);
  });

  it("tests the connection and shows the server's version", async () => {
    const { calls, address, type, button } = setup();
    type(address, "  http://10.0.0.5:4096 ");
    button("Test connection").click();
    expect((await screen.findByRole("status")).textContent).toBe("Reachable: OpenCode 1.18.33.");
    // No password typed: none is sent.
    expect(calls).toEqual([["probe", "http://10.0.0.5:4096", { username: "opencode" }]]);
  });

  it("says when the server answers but is not healthy", async () => {
    const { address, type, button } = setup({
      probeServer: () => Promise.resolve({ healthy: false, version: "1.0.0" }),
    });
    type(address, "http://host:4096");
    button("Test connection").click();
    expect((await screen.findByRole("alert")).textContent).toBe(
      "OpenCode 1.0.0 answers but reports that it is not healthy.",
    );
  });

  it("shows the backend's message for a wrong password, and clears it on edit", async () => {
    const { address, password, type, button } = setup({
      probeServer: () =>
        Promise.reject(new AppError("Unauthorized", "The server refused the user name or password.")),
    });
    type(address, "https://box.example.com");
    type(password, "wrong");
    button("Test connection").click();
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The server refused the user name or password.",
    );
    type(password, "right");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("connects with the typed credentials, busy until done", async () => {
    const pending = deferred<undefined>();
    const calls: Call[] = [];
    const { events, address, user, password, type, button } = setup({
      connectServer: (url, credentials) => {
        calls.push(["connect", url, credentials]);
        return pending.promise;
      },
    });
    type(address, "https://box.example.com:4096");
    type(user, "me");
    type(password, "s3cret");
    button("Connect").click();
    expect(calls).toEqual([
      ["connect", "https://box.example.com:4096", { username: "me", password: "s3cret" }],
    ]);
    expect(button("Connecting…").disabled).toBe(true);
    expect(button("Test connection").disabled).toBe(true);
    // A second press while connecting does nothing.
    button("Connecting…").click();
    expect(calls).toHaveLength(1);
    pending.resolve(undefined);
    await settle();
    expect(events).toEqual(["connected"]);
  });

  it("connects on Enter (form submit) and keeps the form usable after a failure", async () => {
    const { events, form, address, type, button } = setup({
      connectServer: () => Promise.reject(new AppError("Unreachable", "Nothing answers at http://host:1.")),
    });
    type(address, "http://host:1");
    fireEvent.submit(form);
    expect((await screen.findByRole("alert")).textContent).toBe("Nothing answers at http://host:1.");
    expect(button("Connect").disabled).toBe(false);
    expect(events).toEqual([]);
  });

  it("falls back to the default user name when the field is cleared", async () => {
    const { calls, address, user, type, button } = setup();
    type(address, "http://host:4096");
    type(user, "  ");
    button("Connect").click();
    await settle();
    expect(calls[0]?.[2]).toEqual({ username: "opencode" });
  });

  it("cancels with Escape or the Cancel button", () => {
    const { events, address, button } = setup();
    fireEvent.keyDown(address, { key: "Escape" });
    button("Cancel").click();
    expect(events).toEqual(["cancel", "cancel"]);
  });

  it("warns, without refusing, that a password sent over http:// to another computer travels in clear", async () => {
    const { calls, address, type, button } = setup();
    type(address, "https://box.example.com");
    expect(screen.queryByText(/travels in clear/)).toBeNull();
    type(address, "http://127.0.0.1:4096");
    expect(screen.queryByText(/travels in clear/)).toBeNull();
    type(address, "http://192.168.1.20:4096");
    expect(screen.getByText(/the password travels in clear/)).toBeTruthy();
    button("Connect").click();
    await settle();
    expect(calls).toEqual([["connect", "http://192.168.1.20:4096", { username: "opencode" }]]);
  });
});
