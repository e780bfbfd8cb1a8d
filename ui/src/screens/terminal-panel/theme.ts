// The terminal's colours from the app's tokens (styles.css / lib/theme.css), so it follows the
// light and dark themes. The ANSI colours the tokens name (red, green, yellow, blue) come from
// them; the rest from GitHub's terminal palettes, which the tokens' values come from too.
import type { ITheme } from "@xterm/xterm";
import { DARK_SCHEME_QUERY } from "../../lib/theme";

type Palette = Required<
  Pick<
    ITheme,
    | "black" | "red" | "green" | "yellow" | "blue" | "magenta" | "cyan" | "white"
    | "brightBlack" | "brightRed" | "brightGreen" | "brightYellow" | "brightBlue"
    | "brightMagenta" | "brightCyan" | "brightWhite"
  >
> & { background: string; foreground: string };

const DARK: Palette = {
  background: "#111316",
  foreground: "#e6e8eb",
  black: "#484f58",
  red: "#f85149",
  green: "#3fb950",
  yellow: "#d29922",
  blue: "#58a6ff",
  magenta: "#bc8cff",
  cyan: "#39c5cf",
  white: "#b1bac4",
  brightBlack: "#6e7681",
  brightRed: "#ff7b72",
  brightGreen: "#56d364",
  brightYellow: "#e3b341",
  brightBlue: "#79c0ff",
  brightMagenta: "#d2a8ff",
  brightCyan: "#56d4dd",
  brightWhite: "#ffffff",
};

const LIGHT: Palette = {
  background: "#eef0f3",
  foreground: "#1b1f24",
  black: "#24292f",
  red: "#cf222e",
  green: "#1a7f37",
  yellow: "#9a6700",
  blue: "#0969da",
  magenta: "#8250df",
  cyan: "#1b7c83",
  white: "#6e7781",
  brightBlack: "#57606a",
  brightRed: "#a40e26",
  brightGreen: "#116329",
  brightYellow: "#633c01",
  brightBlue: "#218bff",
  brightMagenta: "#a475f9",
  brightCyan: "#3192aa",
  brightWhite: "#8c959f",
};

/** `#rrggbb` at about a third opacity (a selection over text); other forms as they are. */
function translucent(colour: string): string {
  return /^#[0-9a-f]{6}$/i.test(colour) ? `${colour}55` : colour;
}

/**
 * The xterm theme for the tokens `token` reads ("" when one is not set: the palette's value
 * stands in), light or dark.
 */
export function terminalTheme(token: (name: string) => string, dark: boolean): ITheme {
  const palette = dark ? DARK : LIGHT;
  const pick = (name: string, fallback: string) => token(name).trim() || fallback;
  const background = pick("--surface-sunken", palette.background);
  const foreground = pick("--fg", palette.foreground);
  return {
    ...palette,
    background,
    foreground,
    cursor: foreground,
    cursorAccent: background,
    selectionBackground: translucent(pick("--accent", palette.blue)),
    red: pick("--bad", palette.red),
    green: pick("--ok", palette.green),
    yellow: pick("--busy", palette.yellow),
    blue: pick("--accent", palette.blue),
  };
}

/** The theme for the document as it is shown now. */
export function documentTerminalTheme(root: HTMLElement = document.documentElement): ITheme {
  const style = getComputedStyle(root);
  const forced = root.dataset["theme"];
  const dark =
    forced === "dark" ||
    (forced === undefined &&
      typeof window.matchMedia === "function" &&
      window.matchMedia(DARK_SCHEME_QUERY).matches);
  return terminalTheme((name) => style.getPropertyValue(name), dark);
}
