// The window's copy of the saved settings: loaded at start, replaced when any window saves, and
// followed by the theme. Only what the windows themselves use; the settings screen loads its own.
import { createResource, onCleanup, onMount } from "solid-js";
import type { Backend, Settings } from "../ipc";
import { followTheme } from "../lib/theme";

/** Follows the saved settings (and their theme); returns how to take in settings just saved here. */
export function followSettings(
  api: Pick<Backend, "getSettings" | "onSettingsChanged">,
): (saved: Settings) => void {
  const [settings, { mutate }] = createResource(() => api.getSettings().catch(() => undefined));
  followTheme(() => settings()?.theme ?? "system");
  onMount(() => {
    onCleanup(api.onSettingsChanged((saved) => mutate(saved)));
  });
  return (saved) => {
    mutate(saved);
  };
}
