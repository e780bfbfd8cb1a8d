// The main window's keyboard shortcuts: one table (SHORTCUTS) that both the matcher and the help
// list read, a pure matcher from a key press to an action, and installShortcuts, which listens on
// a target (the window) and calls the handler for each match.
//
// "Mod" is Cmd on macOS and Ctrl elsewhere. Rules about where a shortcut fires:
// - plain keys ("/", "?") never fire while the user types in a text field;
// - chords meant for use while typing fire anywhere: stop (Mod+.), quick switch (Mod+K), search
//   in sessions (Mod+Shift+F), and focus the message box (Mod+L: it only moves focus, and has no meaning inside a text field);
// - the other chords (new session, files panel, help) fire outside text fields only;
// - the terminal panel's Ctrl+` is Ctrl on every platform (Cmd+` cycles windows on macOS) and
//   fires anywhere, the terminal included (which hands it on: terminal-panel/TerminalView.tsx);
// - Escape stops a reply only from the message box (elsewhere Escape closes things); its handler
//   returns false when no reply is running, so the key does its ordinary job.
// Listening on the window in the bubble phase lets a focused component (a menu, a dialog, the
// composer's completion list) handle a key first: a key whose default was prevented is ignored.

export type ShortcutAction =
  | "newSession"
  | "quickSwitch"
  | "searchSessions"
  | "focusComposer"
  | "stop"
  | "toggleFiles"
  | "toggleTerminal"
  | "help";

/** Where a binding may fire. */
export type ShortcutScope =
  /** Also while typing in a text field. */
  | "anywhere"
  /** Not while the focus is in a text field. */
  | "outside-fields"
  /** Only while the focus is in the message box (the composer). */
  | "composer";

export interface KeyBinding {
  /** `KeyboardEvent.key`: a lower-case letter, a punctuation character, or a named key. */
  key: string;
  /** Needs Mod (Cmd on macOS, Ctrl elsewhere). */
  mod: boolean;
  /** Needs Ctrl on every platform, macOS too (with `mod: false`). */
  ctrl?: boolean;
  /** Needs Shift too (letters and named keys; without it, Shift makes another chord). */
  shift?: boolean;
  scope: ShortcutScope;
}

export interface Shortcut {
  action: ShortcutAction;
  /** What the shortcut does, for the help list. */
  label: string;
  bindings: readonly KeyBinding[];
  /** When it applies, if not always (for the help list). */
  note?: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: "newSession",
    label: "New session",
    bindings: [{ key: "n", mod: true, scope: "outside-fields" }],
  },
  {
    action: "quickSwitch",
    label: "Switch session",
    bindings: [{ key: "k", mod: true, scope: "anywhere" }],
  },
  {
    action: "searchSessions",
    label: "Search in sessions",
    bindings: [{ key: "f", mod: true, shift: true, scope: "anywhere" }],
  },
  {
    action: "focusComposer",
    label: "Focus the message box",
    bindings: [
      { key: "l", mod: true, scope: "anywhere" },
      { key: "/", mod: false, scope: "outside-fields" },
    ],
  },
  {
    action: "stop",
    label: "Stop the reply",
    bindings: [
      { key: ".", mod: true, scope: "anywhere" },
      { key: "Escape", mod: false, scope: "composer" },
    ],
    note: "Esc works in the message box while a reply runs",
  },
  {
    action: "toggleFiles",
    label: "Show or hide files",
    bindings: [{ key: "b", mod: true, scope: "outside-fields" }],
  },
  {
    action: "toggleTerminal",
    label: "Show or hide the terminal",
    bindings: [{ key: "`", mod: false, ctrl: true, scope: "anywhere" }],
  },
  {
    action: "help",
    label: "Keyboard shortcuts",
    bindings: [
      { key: "/", mod: true, scope: "outside-fields" },
      { key: "?", mod: false, scope: "outside-fields" },
    ],
  },
];

/** The fields of a KeyboardEvent the matcher reads (a plain object in tests). */
export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
  repeat?: boolean;
}

export interface MatchContext {
  /** macOS: Mod is Cmd. */
  mac: boolean;
  /** The focus is in a text field (input, textarea, contenteditable). */
  inField: boolean;
  /** The focus is in the message box. */
  inComposer: boolean;
}

const NAMED_KEYS = new Set(["Escape"]);

/**
 * The key as bindings name it. Letters compare lower case; on a non-Latin layout (Ctrl+т on a
 * Russian keyboard) the physical key's Latin letter is used, as other desktop apps do.
 */
function keyName(press: KeyPress): string {
  if (NAMED_KEYS.has(press.key)) return press.key;
  if (press.key.length !== 1) return press.key;
  const lower = press.key.toLowerCase();
  if (lower >= "a" && lower <= "z") return lower;
  const physical = /^Key([A-Z])$/.exec(press.code ?? "");
  if (physical?.[1] && lower.toUpperCase() !== lower) return physical[1].toLowerCase();
  return press.key;
}

const isLetter = (key: string) => key.length === 1 && key >= "a" && key <= "z";

function chordMatches(binding: KeyBinding, press: KeyPress, mac: boolean): boolean {
  if (binding.ctrl) {
    return press.ctrlKey && !press.metaKey && !press.altKey && keyName(press) === binding.key;
  }
  const mod = mac ? press.metaKey : press.ctrlKey;
  // The other platform's modifier (Ctrl on macOS, Super elsewhere) and Alt make another chord.
  const other = mac ? press.ctrlKey : press.metaKey;
  if (press.altKey || other || mod !== binding.mod) return false;
  const key = keyName(press);
  if (key !== binding.key) return false;
  // Shift makes another chord for letters and named keys; punctuation may need Shift to be typed
  // at all ("?" on most layouts, "/" on some), so it is not checked there.
  const named = isLetter(binding.key) || NAMED_KEYS.has(binding.key);
  if (named && press.shiftKey !== (binding.shift ?? false)) return false;
  return true;
}

function scopeAllows(scope: ShortcutScope, context: MatchContext): boolean {
  switch (scope) {
    case "anywhere":
      return true;
    case "outside-fields":
      return !context.inField;
    case "composer":
      return context.inComposer;
  }
}

/** The action a key press triggers in this context, if any. */
export function matchShortcut(
  press: KeyPress,
  context: MatchContext,
  shortcuts: readonly Shortcut[] = SHORTCUTS,
): ShortcutAction | undefined {
  // An IME is composing text: the keys are the IME's. A held key must not repeat an action
  // (one Mod+N, one new session).
  if (press.isComposing || press.repeat) return undefined;
  for (const shortcut of shortcuts) {
    for (const binding of shortcut.bindings) {
      if (chordMatches(binding, press, context.mac) && scopeAllows(binding.scope, context)) {
        return shortcut.action;
      }
    }
  }
  return undefined;
}

const NON_TEXT_INPUTS = new Set([
  "button",
  "checkbox",
  "color",
  "file",
  "hidden",
  "image",
  "radio",
  "range",
  "reset",
  "submit",
]);

/** Whether keys typed into this element are text (so plain-key shortcuts must stay away). */
export function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(element.type);
  // jsdom lacks isContentEditable; the attribute check covers both.
  return element.closest('[contenteditable=""], [contenteditable="true"]') !== null;
}

/** The message box, by default: an element marked data-composer, or inside the .composer form. */
export function defaultIsComposer(element: Element): boolean {
  return element.closest("[data-composer], .composer") !== null;
}

/** Whether this platform's Mod is Cmd. */
export function isMacPlatform(platform: string = currentPlatform()): boolean {
  return /Mac|iPhone|iPad|iPod/i.test(platform);
}

export function currentPlatform(): string {
  if (typeof navigator === "undefined") return "";
  // Deprecated but still the one value every engine fills; WebKitGTK has no userAgentData.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return navigator.platform;
}

/** How a binding reads in the help list: "Ctrl+N" / "⌘N", "Esc", "?". */
export function bindingLabel(binding: KeyBinding, mac: boolean): string {
  const key =
    binding.key === "Escape" ? "Esc" : isLetter(binding.key) ? binding.key.toUpperCase() : binding.key;
  if (binding.ctrl) return mac ? `⌃${key}` : `Ctrl+${key}`;
  if (!binding.mod) return key;
  if (binding.shift) return mac ? `⇧⌘${key}` : `Ctrl+Shift+${key}`;
  return mac ? `⌘${key}` : `Ctrl+${key}`;
}

/** Every binding of a shortcut, for the help list: "Ctrl+L or /". */
export function shortcutKeys(shortcut: Shortcut, mac: boolean): string {
  return shortcut.bindings.map((binding) => bindingLabel(binding, mac)).join(" or ");
}

/**
 * What to do for each action. A handler that returns `false` did not act (Escape with no reply
 * running): the key then keeps its default. A missing handler leaves its keys alone.
 */
export type ShortcutHandlers = Partial<Record<ShortcutAction, (event: KeyboardEvent) => unknown>>;

export interface ShortcutOptions {
  /** Defaults to the platform's (navigator.platform). */
  mac?: boolean;
  /** Whether an element is (in) the message box; defaults to defaultIsComposer. */
  isComposer?: (element: Element) => boolean;
}

/** Listens for shortcuts on `target` (the window); returns the function that stops listening. */
export function installShortcuts(
  target: EventTarget,
  handlers: ShortcutHandlers,
  options: ShortcutOptions = {},
): () => void {
  const mac = options.mac ?? isMacPlatform();
  const isComposer = options.isComposer ?? defaultIsComposer;
  const listener = (event: Event) => {
    if (!(event instanceof KeyboardEvent) || event.defaultPrevented) return;
    const element = event.target instanceof Element ? event.target : null;
    const action = matchShortcut(event, {
      mac,
      inField: isTextField(element),
      inComposer: element !== null && isComposer(element),
    });
    if (!action) return;
    const handler = handlers[action];
    if (!handler) return;
    if (handler(event) === false) return;
    event.preventDefault();
  };
  target.addEventListener("keydown", listener);
  return () => {
    target.removeEventListener("keydown", listener);
  };
}
