// The settings form's model, pure: what the fields hold (text as typed), and turning that back
// into Settings. Only what a number field needs is checked here (the ports); everything else the
// backend checks on save, and its message is shown as it comes.
import type { Settings } from "../../ipc";

export type ThemeChoice = Settings["theme"];

export const THEMES: readonly { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "System" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

/** The editable fields, as the inputs hold them. */
export interface SettingsDraft {
  theme: ThemeChoice;
  binaryPath: string;
  defaultProject: string;
  extraPorts: string;
  mdnsDiscovery: boolean;
  quickPromptShortcut: string;
  notifications: boolean;
  closeToTray: boolean;
  obeyTuiControl: boolean;
  offlineCopies: boolean;
}

export function toDraft(settings: Settings): SettingsDraft {
  return {
    theme: settings.theme,
    binaryPath: settings.binary_path ?? "",
    defaultProject: settings.default_project ?? "",
    extraPorts: settings.extra_ports.join(", "),
    mdnsDiscovery: settings.mdns_discovery,
    quickPromptShortcut: settings.quick_prompt_shortcut,
    notifications: settings.notifications,
    closeToTray: settings.close_to_tray,
    obeyTuiControl: settings.obey_tui_control,
    offlineCopies: settings.offline_copies,
  };
}

/** Ports typed as "4097, 5000 6000": numbers 1 to 65535, duplicates dropped, order kept. */
export function parsePorts(text: string): { ports: number[] } | { problem: string } {
  const ports: number[] = [];
  for (const word of text.split(/[\s,;]+/).filter((w) => w !== "")) {
    const port = /^\d+$/.test(word) ? Number(word) : Number.NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { problem: `"${word}" is not a port: use whole numbers from 1 to 65535.` };
    }
    if (!ports.includes(port)) ports.push(port);
  }
  return { ports };
}

/** An empty (or blank) text field means "not set". */
function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * The settings to save: `base` (the loaded ones, for the fields this form does not edit, like
 * remote servers and recent projects) with the draft's values; or why the draft cannot be saved.
 */
export function fromDraft(
  base: Settings,
  draft: SettingsDraft,
): { settings: Settings } | { problem: string } {
  const ports = parsePorts(draft.extraPorts);
  if ("problem" in ports) return ports;
  return {
    settings: {
      ...base,
      theme: draft.theme,
      binary_path: optional(draft.binaryPath),
      default_project: optional(draft.defaultProject),
      extra_ports: ports.ports,
      mdns_discovery: draft.mdnsDiscovery,
      quick_prompt_shortcut: draft.quickPromptShortcut.trim(),
      notifications: draft.notifications,
      close_to_tray: draft.closeToTray,
      obey_tui_control: draft.obeyTuiControl,
      offline_copies: draft.offlineCopies,
    },
  };
}

/** Whether the draft differs from what is saved (text compared as it would be saved). */
export function isChanged(saved: Settings, draft: SettingsDraft): boolean {
  const next = fromDraft(saved, draft);
  // A draft that cannot be saved is certainly not what is saved.
  if ("problem" in next) return true;
  return JSON.stringify(next.settings) !== JSON.stringify(saved);
}
