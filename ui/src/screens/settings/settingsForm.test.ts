import { describe, expect, it } from "vitest";
import type { Settings } from "../../ipc";
import { defaultSettings } from "../../test/backend";
import { fromDraft, isChanged, parsePorts, toDraft } from "./settingsForm";

const saved: Settings = {
  ...defaultSettings(),
  binary_path: "/opt/opencode/bin/opencode",
  extra_ports: [4097, 5000],
  recent_projects: ["/src/desk"],
  servers: [{ id: "box", name: "Box", url: "https://box.example.com", username: null }],
};

describe("parsePorts", () => {
  it("reads ports separated by commas or spaces, dropping duplicates", () => {
    expect(parsePorts(" 4097, 5000  6000;4097 ")).toEqual({ ports: [4097, 5000, 6000] });
    expect(parsePorts("")).toEqual({ ports: [] });
  });

  it.each(["0", "65536", "40.5", "-1", "http", "1e3"])("refuses %j", (word) => {
    expect(parsePorts(`4097 ${word}`)).toEqual({
      problem: `"${word}" is not a port: use whole numbers from 1 to 65535.`,
    });
  });
});

describe("draft", () => {
  it("round-trips unchanged settings", () => {
    const draft = toDraft(saved);
    expect(draft.extraPorts).toBe("4097, 5000");
    expect(draft.binaryPath).toBe("/opt/opencode/bin/opencode");
    expect(draft.defaultProject).toBe("");
    expect(fromDraft(saved, draft)).toEqual({ settings: saved });
    expect(isChanged(saved, draft)).toBe(false);
  });

  it("applies edits, keeps the fields it does not edit, and blanks mean unset", () => {
    const draft = {
      ...toDraft(saved),
      theme: "dark" as const,
      binaryPath: "   ",
      defaultProject: " /src/api ",
      extraPorts: "6000",
      notifications: false,
      quickPromptShortcut: " Alt+Space ",
    };
    expect(isChanged(saved, draft)).toBe(true);
    expect(fromDraft(saved, draft)).toEqual({
      settings: {
        ...saved,
        theme: "dark",
        binary_path: null,
        default_project: "/src/api",
        extra_ports: [6000],
        notifications: false,
        quick_prompt_shortcut: "Alt+Space",
      },
    });
  });

  it("carries whether to obey programs that drive the TUI", () => {
    const draft = toDraft({ ...saved, obey_tui_control: true });
    expect(draft.obeyTuiControl).toBe(true);
    const next = fromDraft(saved, { ...draft, obeyTuiControl: false });
    expect(next).toEqual({ settings: { ...saved, obey_tui_control: false } });
  });

  it("says why a draft cannot be saved", () => {
    const draft = { ...toDraft(saved), extraPorts: "4097 nope" };
    expect(fromDraft(saved, draft)).toEqual({
      problem: '"nope" is not a port: use whole numbers from 1 to 65535.',
    });
    expect(isChanged(saved, draft)).toBe(true);
  });
});
