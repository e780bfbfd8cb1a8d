import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type TerminalCommand } from "../../ipc";
import { fakeTerminals, terminal } from "../../test/terminals";
import TerminalCard from "./TerminalCard";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const COMMANDS: TerminalCommand[] = [
  { name: "session.new", title: "New session", source: "tui", description: null },
  { name: "init", title: "/init", source: "server", description: "Write AGENTS.md" },
];

async function setup(over: Parameters<typeof fakeTerminals>[1] = {}) {
  const view = terminal("42", "proj (port 4555)");
  const fake = fakeTerminals(() => [view], {
    terminalCommands: () => Promise.resolve(COMMANDS),
    ...over,
  });
  render(() => (
    <TerminalCard
      view={view}
      terminalCommands={fake.terminalCommands}
      driveTerminal={fake.driveTerminal}
      setTerminalPassword={fake.setTerminalPassword}
      onChanged={() => undefined}
    />
  ));
  await settle();
  const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Text for the terminal" });
  const type = (text: string) => fireEvent.input(box, { target: { value: text } });
  const click = async (name: string) => {
    fireEvent.click(screen.getByRole("button", { name }));
    await settle();
  };
  return { fake, box, type, click };
}

describe("TerminalCard", () => {
  it("sends the text, puts it in the prompt, or clears the prompt", async () => {
    const { fake, box, type, click } = await setup();
    type("fix the build");
    await click("Send");
    expect(box.value).toBe("");
    type("draft");
    await click("Put in its prompt");
    await click("Clear its prompt");
    expect(fake.calls.filter((c) => c.startsWith("drive"))).toEqual([
      "drive 42 send_prompt fix the build",
      "drive 42 append_prompt draft",
      "drive 42 clear_prompt",
    ]);
  });

  it("shows a failure in the section and keeps the text", async () => {
    const { box, type, click } = await setup({
      driveTerminal: () => Promise.reject(new AppError("NotFound", "proj (port 4555) is no longer running.")),
    });
    type("fix the build");
    await click("Send");
    expect(screen.getByRole("alert").textContent).toBe("proj (port 4555) is no longer running.");
    expect(box.value).toBe("fix the build");
  });

  it("shows the text as a toast of the chosen kind", async () => {
    const { fake, type, click } = await setup();
    type("Build finished");
    const kind = screen.getByRole<HTMLSelectElement>("combobox", { name: "Toast kind" });
    expect([...kind.options].map((o) => o.value)).toEqual(["info", "success", "warning", "error"]);
    fireEvent.change(kind, { target: { value: "success" } });
    await click("Show as a toast");
    expect(fake.calls).toContain("drive 42 show_toast success OpenCode Desk: Build finished");
  });

  it("opens its dialogs", async () => {
    const { fake, click } = await setup();
    await click("Open its sessions");
    await click("Open its models");
    await click("Open its themes");
    await click("Open its help");
    expect(fake.calls.filter((c) => c.startsWith("drive"))).toEqual([
      "drive 42 open_dialog sessions",
      "drive 42 open_dialog models",
      "drive 42 open_dialog themes",
      "drive 42 open_dialog help",
    ]);
  });

  it("runs one of its own commands or one of its server's", async () => {
    const { fake, click } = await setup();
    const command = screen.getByRole<HTMLSelectElement>("combobox", { name: "Command" });
    const run = screen.getByRole<HTMLButtonElement>("button", { name: "Run" });
    expect(run.disabled).toBe(true);
    const labels = [...command.options].filter((o) => o.value !== "").map((o) => o.textContent);
    expect(labels).toEqual(["New session", "/init"]);
    fireEvent.change(command, { target: { value: "tui:session.new" } });
    await click("Run");
    fireEvent.change(command, { target: { value: "server:init" } });
    await click("Run");
    expect(fake.calls.filter((c) => c.startsWith("drive"))).toEqual([
      "drive 42 run_command session.new",
      'drive 42 run_server_command init ""',
    ]);
  });

  it("says when its commands cannot be listed", async () => {
    await setup({
      terminalCommands: () => Promise.reject(new AppError("Timeout", "proj (port 4555) did not answer.")),
    });
    expect(screen.getByRole("alert").textContent).toBe(
      "Could not list its commands: proj (port 4555) did not answer.",
    );
  });
});
