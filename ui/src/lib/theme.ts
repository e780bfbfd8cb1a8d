// The colour theme: "system" follows the OS (and its changes while the app runs), "light" and
// "dark" force one. styles.css picks tokens by prefers-color-scheme; a forced theme sets
// `data-theme` on <html>, and theme.css's `:root[data-theme=…]` rules outrank that media query.
// "system" also sets data-theme (to what the OS says) so CSS and tests have one place to look.
import { createEffect, onCleanup } from "solid-js";
import type { Settings } from "../ipc";
import "./theme.css";

export type ThemeChoice = Settings["theme"];
export type AppliedTheme = "light" | "dark";

export const DARK_SCHEME_QUERY = "(prefers-color-scheme: dark)";

/** The theme to show for a choice, given whether the OS currently prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): AppliedTheme {
  switch (choice) {
    case "light":
    case "dark":
      return choice;
    case "system":
      return systemPrefersDark ? "dark" : "light";
  }
}

export interface ThemeTarget {
  /** The element whose `data-theme` the CSS reads (<html>). */
  root: HTMLElement;
  /** The OS preference; absent where matchMedia is not available, which reads as light. */
  darkScheme?: MediaQueryList;
}

function documentTarget(): ThemeTarget {
  const darkScheme =
    typeof window.matchMedia === "function" ? window.matchMedia(DARK_SCHEME_QUERY) : undefined;
  return darkScheme
    ? { root: document.documentElement, darkScheme }
    : { root: document.documentElement };
}

/**
 * Shows `choice` now and, for "system", keeps following the OS until the returned function is
 * called. Call the returned function before applying another choice.
 */
export function applyTheme(choice: ThemeChoice, target: ThemeTarget = documentTarget()): () => void {
  const { root, darkScheme } = target;
  const show = () => {
    root.dataset["theme"] = resolveTheme(choice, darkScheme?.matches ?? false);
  };
  show();
  if (choice !== "system" || !darkScheme) return () => undefined;
  darkScheme.addEventListener("change", show);
  return () => {
    darkScheme.removeEventListener("change", show);
  };
}

/** Keeps the document's theme on `choice()` for the life of the calling Solid owner. */
export function followTheme(choice: () => ThemeChoice, target?: () => ThemeTarget): void {
  createEffect(() => {
    onCleanup(applyTheme(choice(), target?.()));
  });
}
