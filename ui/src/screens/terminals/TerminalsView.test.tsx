import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type TerminalView } from "../../ipc";
import { fakeTerminals, terminal } from "../../test/terminals";
import TerminalsView from "./TerminalsView";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup(
  listed: () => TerminalView[],
  over: Parameters<typeof fakeTerminals>[1] = {},
  where: { serverId?: string; directory?: string | null } = { serverId: "srv", directory: "/p" },
) {
  const fake = fakeTerminals(listed, over);
  render(() => (
    <TerminalsView
      listTerminals={fake.listTerminals}
      terminalCommands={fake.terminalCommands}
      driveTerminal={fake.driveTerminal}
      setTerminalPassword={fake.setTerminalPassword}
      openInTerminal={fake.openInTerminal}
      serverId={where.serverId}
      directory={where.directory ?? null}
    />
  ));
  await settle();
  return fake;
}

const section = (label: string) => screen.getByRole("region", { name: label });

describe("TerminalsView", () => {
  it("lists each terminal OpenCode in its own section, and looks again on request", async () => {
    let found = [terminal("42", "proj (port 4555)")];
    const fake = await setup(() => found);
    const list = screen.getByRole("list", { name: "Terminal OpenCodes" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(1);
    expect(within(section("proj (port 4555)")).getByText(/1\.18\.33/)).toBeTruthy();

    // What was typed for a TUI still listed survives looking again.
    const box = within(section("proj (port 4555)")).getByRole<HTMLTextAreaElement>("textbox", {
      name: "Text for the terminal",
    });
    fireEvent.input(box, { target: { value: "half typed" } });
    found = [...found, terminal("43", "api (no port)", { kind: "unreachable", message: "Start it with --port." })];
    fireEvent.click(screen.getByRole("button", { name: "Look again" }));
    await settle();
    expect(fake.calls.filter((c) => c === "list")).toHaveLength(2);
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(box.isConnected).toBe(true);
    expect(box.value).toBe("half typed");
  });

  it("says how to start one when none is running", async () => {
    await setup(() => []);
    expect(screen.getByText("No terminal OpenCode is running.")).toBeTruthy();
    expect(screen.getByText("opencode --port 4096")).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Terminal OpenCodes" })).toBeNull();
  });

  it("says why the list could not be made, and looks again", async () => {
    let fail = true;
    await setup(() => [terminal("42", "proj (port 4555)")], {
      listTerminals: () =>
        fail
          ? Promise.reject(new AppError("Internal", "Cannot read /proc."))
          : Promise.resolve([terminal("42", "proj (port 4555)")]),
    });
    expect(screen.getByRole("alert").textContent).toBe(
      "Could not look for terminal OpenCodes: Cannot read /proc.",
    );
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Look again" }));
    await settle();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(section("proj (port 4555)")).toBeTruthy();
  });

  it("shows why a TUI cannot be driven", async () => {
    await setup(() => [
      terminal("43", "api (no port)", {
        kind: "unreachable",
        message: "It was started without --port: start it with opencode --port 0.",
      }),
    ]);
    const api = section("api (no port)");
    expect(within(api).getByText("It was started without --port: start it with opencode --port 0.")).toBeTruthy();
    expect(within(api).queryByRole("textbox")).toBeNull();
  });

  it("unlocks a TUI whose server wants a password, and says when it is refused", async () => {
    const locked = terminal("44", "box (port 4600)", { kind: "needs_password" });
    let accept = false;
    const fake = await setup(() => [locked], {
      setTerminalPassword: () =>
        accept
          ? Promise.resolve({ ...locked, state: { kind: "ready", version: "1.18.33" } })
          : Promise.reject(new AppError("Unauthorized", "Its server refused that password.")),
    });
    const box = section("box (port 4600)");
    const password = within(box).getByLabelText<HTMLInputElement>("Password for box (port 4600)");
    expect(password.type).toBe("password");
    fireEvent.input(password, { target: { value: "wrong" } });
    fireEvent.click(within(box).getByRole("button", { name: "Unlock" }));
    await settle();
    expect(within(box).getByRole("alert").textContent).toBe("Its server refused that password.");
    expect(password.value).toBe("wrong");

    accept = true;
    fireEvent.input(password, { target: { value: "right" } });
    fireEvent.click(within(box).getByRole("button", { name: "Unlock" }));
    await settle();
    expect(fake.calls).toContain("password 44 right");
    expect(within(section("box (port 4600)")).getByRole("textbox", { name: "Text for the terminal" })).toBeTruthy();
    expect(within(section("box (port 4600)")).queryByRole("alert")).toBeNull();
  });

  it("opens OpenCode in a terminal on the open project's server, and looks again", async () => {
    const fake = await setup(() => []);
    fireEvent.click(screen.getByRole("button", { name: "Open OpenCode in a terminal" }));
    await settle();
    expect(fake.calls).toContain("open srv /p -");
    expect(screen.getByText(/Started OpenCode in kitty/)).toBeTruthy();
  });

  it("says why OpenCode could not be opened in a terminal", async () => {
    await setup(() => [], {
      openInTerminal: () => Promise.reject(new AppError("NotFound", "No terminal emulator found.")),
    });
    fireEvent.click(screen.getByRole("button", { name: "Open OpenCode in a terminal" }));
    await settle();
    expect(screen.getByRole("alert").textContent).toBe("No terminal emulator found.");
  });

  it("cannot open OpenCode in a terminal before a server is open", async () => {
    await setup(() => [], {}, { serverId: undefined, directory: null });
    const open = screen.getByRole<HTMLButtonElement>("button", { name: "Open OpenCode in a terminal" });
    expect(open.disabled).toBe(true);
  });
});
