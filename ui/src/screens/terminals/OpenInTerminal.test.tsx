import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type TerminalView } from "../../ipc";
import { fakeTerminals, terminal } from "../../test/terminals";
import OpenInTerminal from "./OpenInTerminal";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup(listed: TerminalView[], over: Parameters<typeof fakeTerminals>[1] = {}) {
  const fake = fakeTerminals(() => listed, over);
  let closed = 0;
  render(() => (
    <OpenInTerminal
      sessionId="ses_1"
      sessionTitle="Fix the build"
      serverId="srv"
      directory="/p"
      listTerminals={fake.listTerminals}
      driveTerminal={fake.driveTerminal}
      openInTerminal={fake.openInTerminal}
      onClose={() => (closed += 1)}
    />
  ));
  await settle();
  return { fake, closed: () => closed };
}

const chooser = () => screen.getByRole("dialog", { name: "Open in which terminal?" });
const locked = terminal("43", "box (port 4600)", { kind: "needs_password" });

describe("OpenInTerminal", () => {
  it("shows the session in the only ready terminal OpenCode without asking", async () => {
    const { fake, closed } = await setup([terminal("42", "proj (port 4555)"), locked]);
    expect(fake.calls).toEqual(["list", "drive 42 select_session ses_1"]);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(closed()).toBe(1);
  });

  it("asks which one when several are ready", async () => {
    const { fake, closed } = await setup([
      terminal("42", "proj (port 4555)"),
      terminal("44", "proj (attached to the app's server)"),
    ]);
    const dialog = chooser();
    expect(fake.calls).toEqual(["list"]);
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "proj (port 4555)" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "proj (attached to the app's server)" }));
    await settle();
    expect(fake.calls).toEqual(["list", "drive 44 select_session ses_1"]);
    expect(closed()).toBe(1);
  });

  it("offers to start OpenCode in a terminal, on this session, when none is ready", async () => {
    const { fake, closed } = await setup([locked]);
    const dialog = chooser();
    expect(within(dialog).getByText(/No terminal OpenCode is ready/)).toBeTruthy();
    expect(within(dialog).queryByRole("button", { name: "box (port 4600)" })).toBeNull();
    fireEvent.click(within(dialog).getByRole("button", { name: "Open OpenCode in a terminal" }));
    await settle();
    expect(fake.calls).toEqual(["list", "open srv /p ses_1"]);
    expect(closed()).toBe(1);
  });

  it("shows a failure and stays open to try again", async () => {
    let fail = true;
    const { fake, closed } = await setup([terminal("42", "proj (port 4555)")], {
      driveTerminal: () =>
        fail
          ? Promise.reject(new AppError("NotFound", "proj (port 4555) does not have this session."))
          : Promise.resolve(),
    });
    const dialog = chooser();
    expect(within(dialog).getByRole("alert").textContent).toBe(
      "proj (port 4555) does not have this session.",
    );
    expect(closed()).toBe(0);
    fail = false;
    fireEvent.click(within(dialog).getByRole("button", { name: "proj (port 4555)" }));
    await settle();
    expect(fake.calls.filter((c) => c.startsWith("drive"))).toHaveLength(2);
    expect(closed()).toBe(1);
  });

  it("says why terminal OpenCodes could not be listed, and still offers to start one", async () => {
    await setup([], { listTerminals: () => Promise.reject(new AppError("Internal", "Cannot read /proc.")) });
    const dialog = chooser();
    expect(within(dialog).getByRole("alert").textContent).toBe(
      "Could not look for terminal OpenCodes: Cannot read /proc.",
    );
    expect(within(dialog).getByRole("button", { name: "Open OpenCode in a terminal" })).toBeTruthy();
  });

  it("closes on Cancel and on Escape", async () => {
    const { closed } = await setup([]);
    fireEvent.click(within(chooser()).getByRole("button", { name: "Cancel" }));
    fireEvent.keyDown(chooser(), { key: "Escape" });
    expect(closed()).toBe(2);
  });
});
