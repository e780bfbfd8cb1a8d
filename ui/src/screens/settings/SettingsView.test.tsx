import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, type Settings } from "../../ipc";
import { defaultSettings } from "../../test/backend";
import SettingsView, { type SettingsViewProps } from "./SettingsView";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const SAVED: Settings = { ...defaultSettings(), extra_ports: [4097], recent_projects: ["/src/desk"] };

async function setup(overrides: Partial<SettingsViewProps> = {}) {
  const saves: Settings[] = [];
  const events: string[] = [];
  render(() => (
    <SettingsView
      loadSettings={() => Promise.resolve(SAVED)}
      saveSettings={(settings) => {
        saves.push(settings);
        return Promise.resolve(settings);
      }}
      onSaved={(s) => events.push(`saved ${s.theme}`)}
      onClose={() => events.push("close")}
      {...overrides}
    />
  ));
  await settle();
  const field = (name: string) => screen.getByRole<HTMLInputElement>("textbox", { name });
  const type = (name: string, value: string) => {
    fireEvent.input(field(name), { target: { value } });
  };
  const button = (name: string) => screen.getByRole<HTMLButtonElement>("button", { name });
  return { saves, events, field, type, button };
}

describe("SettingsView", () => {
  it("shows the saved settings in the form", async () => {
    const { field } = await setup();
    expect(screen.getByRole<HTMLInputElement>("radio", { name: "System" }).checked).toBe(true);
    expect(field("OpenCode program").value).toBe("");
    expect(field("Extra ports").value).toBe("4097");
    expect(field("Quick prompt shortcut").value).toBe("CommandOrControl+Shift+Space");
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: /Notify me/ }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: /mDNS/ }).checked).toBe(false);
    // Each field says what it is for.
    const hint = document.getElementById(field("OpenCode program").getAttribute("aria-describedby") ?? "");
    expect(hint?.textContent).toMatch(/Leave empty to search PATH/);
  });

  it("saves only once something changed, with every edit and the fields it does not show", async () => {
    const { saves, events, type, button } = await setup();
    expect(button("Save").disabled).toBe(true);
    screen.getByRole("radio", { name: "Dark" }).click();
    type("OpenCode program", " /opt/opencode ");
    type("Extra ports", "4097, 5000");
    type("Quick prompt shortcut", "Alt+Space");
    fireEvent.click(screen.getByRole("checkbox", { name: /Notify me/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: /mDNS/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: /tray/ }));
    button("Save").click();
    await settle();
    expect(saves).toEqual([
      {
        ...SAVED,
        theme: "dark",
        binary_path: "/opt/opencode",
        extra_ports: [4097, 5000],
        quick_prompt_shortcut: "Alt+Space",
        notifications: false,
        mdns_discovery: true,
        close_to_tray: false,
      },
    ]);
    expect(events).toEqual(["saved dark"]);
    expect(screen.getByRole("status").textContent).toBe("Saved.");
    // What was saved is now the baseline.
    expect(button("Save").disabled).toBe(true);
  });

  it("saves whether to obey programs that drive the TUI", async () => {
    const { saves, button } = await setup();
    const obey = screen.getByRole<HTMLInputElement>("checkbox", {
      name: "Obey programs that drive the TUI",
    });
    expect(obey.checked).toBe(true);
    fireEvent.click(obey);
    button("Save").click();
    await settle();
    expect(saves).toEqual([{ ...SAVED, obey_tui_control: false }]);
  });

  it("saves whether to keep offline copies, shows their size and clears them", async () => {
    let kept = { sessions: 12, bytes: 3 * 1024 * 1024, enabled: true };
    const cleared: string[] = [];
    const { saves, button } = await setup({
      offlineCopies: {
        offlineCopiesSize: () => Promise.resolve(kept),
        clearOfflineCopies: () => {
          cleared.push("clear");
          kept = { ...kept, sessions: 0, bytes: 4096 };
          return Promise.resolve(kept);
        },
      },
    });
    await settle();
    const keep = screen.getByRole<HTMLInputElement>("checkbox", { name: "Keep a copy of the sessions I open" });
    expect(keep.checked).toBe(true);
    expect(screen.getByText(/^12 sessions kept, 3(\.0)? MB on disk$/)).toBeTruthy();
    button("Clear").click();
    await settle();
    expect(cleared).toEqual(["clear"]);
    expect(screen.getByText(/^0 sessions kept, 4(\.0)? KB on disk$/)).toBeTruthy();
    fireEvent.click(keep);
    button("Save").click();
    await settle();
    expect(saves).toEqual([{ ...SAVED, offline_copies: false }]);
  });

  it("shows the backend's refusal next to the form and keeps the edits", async () => {
    const { field, type, button } = await setup({
      saveSettings: () =>
        Promise.reject(new AppError("InvalidInput", "The shortcut \"Hyper+Q\" is not a valid accelerator.")),
    });
    type("Quick prompt shortcut", "Hyper+Q");
    button("Save").click();
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The shortcut \"Hyper+Q\" is not a valid accelerator.",
    );
    expect(field("Quick prompt shortcut").value).toBe("Hyper+Q");
    expect(button("Save").disabled).toBe(false);
    // Editing clears the refusal.
    type("Quick prompt shortcut", "Alt+Q");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("sets the default project with the folder dialog, and saves it", async () => {
    const { saves, field, button } = await setup({
      pickFolder: () => Promise.resolve("/src/api"),
    });
    expect(field("Default project").value).toBe("");
    button("Choose…").click();
    await settle();
    expect(field("Default project").value).toBe("/src/api");
    button("Save").click();
    await settle();
    expect(saves).toEqual([{ ...SAVED, default_project: "/src/api" }]);
  });

  it("keeps the default project when the folder dialog is cancelled", async () => {
    const { field, type, button } = await setup({ pickFolder: () => Promise.resolve(null) });
    type("Default project", "/src/desk");
    button("Choose…").click();
    await settle();
    expect(field("Default project").value).toBe("/src/desk");
  });

  it("checks ports before saving", async () => {
    const { saves, field, type, button } = await setup();
    type("Extra ports", "4097 99999");
    const input = field("Extra ports");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain("-problem");
    expect(screen.getByText(/"99999" is not a port/)).toBeTruthy();
    button("Save").click();
    await settle();
    expect(saves).toEqual([]);
    expect(screen.getByRole("alert").textContent).toMatch(/"99999" is not a port/);
  });

  it("is busy while saving", async () => {
    let finish!: (s: Settings) => void;
    const { button } = await setup({
      saveSettings: () => new Promise<Settings>((resolve) => (finish = resolve)),
    });
    screen.getByRole("radio", { name: "Light" }).click();
    button("Save").click();
    expect(button("Saving…").disabled).toBe(true);
    finish({ ...SAVED, theme: "light" });
    await settle();
    expect(button("Save").disabled).toBe(true);
  });

  it("drops the edits on Cancel and on Escape", async () => {
    const { events, field, type, button } = await setup();
    type("OpenCode program", "/tmp/x");
    button("Cancel").click();
    expect(field("OpenCode program").value).toBe("");
    type("Extra ports", "1");
    fireEvent.keyDown(field("Extra ports"), { key: "Escape" });
    expect(field("Extra ports").value).toBe("4097");
    expect(events).toEqual(["close", "close"]);
  });

  it("says why the settings file was set aside", async () => {
    await setup({ settingsProblem: () => Promise.resolve("line 3: expected a number") });
    expect(screen.getByRole("alert").textContent).toMatch(
      /set aside and defaults are in use: line 3: expected a number/,
    );
  });

  it("shows loading, then a load failure with a Retry", async () => {
    let attempts = 0;
    let fail!: (e: Error) => void;
    render(() => (
      <SettingsView
        loadSettings={() => {
          attempts += 1;
          return attempts === 1
            ? new Promise<Settings>((_resolve, reject) => (fail = reject))
            : Promise.resolve(SAVED);
        }}
        saveSettings={(s) => Promise.resolve(s)}
      />
    ));
    expect(screen.getByRole("status").textContent).toBe("Loading settings…");
    fail(new Error("No settings store"));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not load the settings: No settings store",
    );
    screen.getByRole("button", { name: "Retry" }).click();
    await settle();
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Extra ports" }).value).toBe("4097");
  });
});
