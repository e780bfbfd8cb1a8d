// The page's font stacks by platform (styles.css: --font-sans, --font-mono): on Linux the generic
// families, which fontconfig answers at once, instead of a stack of other systems' fonts that
// WebKitGTK looks up one by one (see styles.css for what it cost).
import { currentPlatform } from "./shortcuts";

/** Marks `root` with the platform whose fonts the stylesheet picks (`data-platform`). */
export function markPlatform(root: HTMLElement, platform: string = currentPlatform()): void {
  if (/Linux/i.test(platform) && !/Android/i.test(platform)) root.dataset.platform = "linux";
}

/** The monospace stack in use, for what cannot read a CSS variable (xterm.js measures with it). */
export function monospaceFamily(root: HTMLElement = document.documentElement): string {
  return getComputedStyle(root).getPropertyValue("--font-mono").trim() || "monospace";
}
