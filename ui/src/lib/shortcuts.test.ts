import { afterEach, describe, expect, it } from "vitest";
import {
  bindingLabel,
  installShortcuts,
  isMacPlatform,
  isTextField,
  matchShortcut,
  SHORTCUTS,
  shortcutKeys,
  type KeyPress,
  type MatchContext,
} from "./shortcuts";

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

const linux: MatchContext = { mac: false, inField: false, inComposer: false };
const mac: MatchContext = { mac: true, inField: false, inComposer: false };
const typing: MatchContext = { mac: false, inField: true, inComposer: false };
const composer: MatchContext = { mac: false, inField: true, inComposer: true };

describe("matchShortcut", () => {
  it.each([
    ["n", "newSession"],
    ["k", "quickSwitch"],
    ["l", "focusComposer"],
    [".", "stop"],
    ["b", "toggleFiles"],
    ["`", "toggleTerminal"],
    ["/", "help"],
  ] as const)("Ctrl+%s on Linux is %s", (key, action) => {
    expect(matchShortcut(press(key, { ctrlKey: true }), linux)).toBe(action);
  });

  it("uses Cmd on macOS, and Ctrl there is another chord", () => {
    expect(matchShortcut(press("k", { metaKey: true }), mac)).toBe("quickSwitch");
    expect(matchShortcut(press("k", { ctrlKey: true }), mac)).toBeUndefined();
    expect(matchShortcut(press("k", { metaKey: true }), linux)).toBeUndefined();
  });

  it("toggles the terminal with Ctrl+` on macOS too, and from inside a text field or terminal", () => {
    expect(matchShortcut(press("`", { ctrlKey: true }), mac)).toBe("toggleTerminal");
    expect(matchShortcut(press("`", { metaKey: true }), mac)).toBeUndefined();
    expect(matchShortcut(press("`", { ctrlKey: true, metaKey: true }), linux)).toBeUndefined();
    expect(matchShortcut(press("`", { ctrlKey: true, altKey: true }), linux)).toBeUndefined();
    expect(matchShortcut(press("`", { ctrlKey: true }), typing)).toBe("toggleTerminal");
    expect(matchShortcut(press("`"), linux)).toBeUndefined();
  });

  it("ignores chords with Alt or Shift added to a letter", () => {
    expect(matchShortcut(press("n", { ctrlKey: true, altKey: true }), linux)).toBeUndefined();
    expect(matchShortcut(press("N", { ctrlKey: true, shiftKey: true }), linux)).toBeUndefined();
  });

  it("searches in sessions with Mod+Shift+F, while typing too, and Mod+F alone is not it", () => {
    expect(matchShortcut(press("F", { ctrlKey: true, shiftKey: true }), linux)).toBe("searchSessions");
    expect(matchShortcut(press("F", { ctrlKey: true, shiftKey: true }), typing)).toBe("searchSessions");
    expect(matchShortcut(press("F", { metaKey: true, shiftKey: true }), mac)).toBe("searchSessions");
    expect(matchShortcut(press("f", { ctrlKey: true }), linux)).toBeUndefined();
    expect(bindingLabel({ key: "f", mod: true, shift: true, scope: "anywhere" }, false)).toBe("Ctrl+Shift+F");
    expect(bindingLabel({ key: "f", mod: true, shift: true, scope: "anywhere" }, true)).toBe("⇧⌘F");
  });

  it("reads Caps Lock letters and non-Latin layouts by the physical key", () => {
    expect(matchShortcut(press("N", { ctrlKey: true }), linux)).toBe("newSession");
    expect(matchShortcut(press("т", { code: "KeyN", ctrlKey: true }), linux)).toBe("newSession");
  });

  it("takes plain / and ? only outside text fields", () => {
    expect(matchShortcut(press("/"), linux)).toBe("focusComposer");
    expect(matchShortcut(press("?", { shiftKey: true }), linux)).toBe("help");
    expect(matchShortcut(press("/"), typing)).toBeUndefined();
    expect(matchShortcut(press("?", { shiftKey: true }), typing)).toBeUndefined();
  });

  it("lets only stop, switch and focus fire while typing", () => {
    expect(matchShortcut(press(".", { ctrlKey: true }), typing)).toBe("stop");
    expect(matchShortcut(press("k", { ctrlKey: true }), typing)).toBe("quickSwitch");
    expect(matchShortcut(press("l", { ctrlKey: true }), typing)).toBe("focusComposer");
    expect(matchShortcut(press("n", { ctrlKey: true }), typing)).toBeUndefined();
    expect(matchShortcut(press("b", { ctrlKey: true }), typing)).toBeUndefined();
    expect(matchShortcut(press("/", { ctrlKey: true }), typing)).toBeUndefined();
  });

  it("stops with Escape only from the message box", () => {
    expect(matchShortcut(press("Escape"), composer)).toBe("stop");
    expect(matchShortcut(press("Escape"), typing)).toBeUndefined();
    expect(matchShortcut(press("Escape"), linux)).toBeUndefined();
    expect(matchShortcut(press("Escape", { shiftKey: true }), composer)).toBeUndefined();
  });

  it("leaves keys to an IME while it composes, and ignores held keys", () => {
    expect(matchShortcut(press("k", { ctrlKey: true, isComposing: true }), linux)).toBeUndefined();
    expect(matchShortcut(press("n", { ctrlKey: true, repeat: true }), linux)).toBeUndefined();
  });

  it("does not match ordinary typing", () => {
    expect(matchShortcut(press("n"), linux)).toBeUndefined();
    expect(matchShortcut(press("Enter"), composer)).toBeUndefined();
  });
});

describe("labels", () => {
  it("reads as the platform writes shortcuts", () => {
    expect(bindingLabel({ key: "n", mod: true, scope: "anywhere" }, false)).toBe("Ctrl+N");
    expect(bindingLabel({ key: "n", mod: true, scope: "anywhere" }, true)).toBe("⌘N");
    expect(bindingLabel({ key: "Escape", mod: false, scope: "composer" }, false)).toBe("Esc");
    expect(bindingLabel({ key: "`", mod: false, ctrl: true, scope: "anywhere" }, false)).toBe("Ctrl+`");
    expect(bindingLabel({ key: "`", mod: false, ctrl: true, scope: "anywhere" }, true)).toBe("⌃`");
  });

  it("lists every action once, each with a label and keys", () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const shortcut of SHORTCUTS) {
      expect(shortcut.label).not.toBe("");
      expect(shortcutKeys(shortcut, false)).not.toBe("");
    }
    const focus = SHORTCUTS.find((s) => s.action === "focusComposer");
    expect(focus && shortcutKeys(focus, false)).toBe("Ctrl+L or /");
  });

  it("knows macOS by its platform string", () => {
    expect(isMacPlatform("MacIntel")).toBe(true);
    expect(isMacPlatform("Linux x86_64")).toBe(false);
    expect(isMacPlatform("Win32")).toBe(false);
  });
});

describe("isTextField", () => {
  it("tells text fields from other controls", () => {
    const text = document.createElement("input");
    const box = document.createElement("input");
    box.type = "checkbox";
    const editable = document.createElement("div");
    editable.setAttribute("contenteditable", "true");
    const inner = document.createElement("span");
    editable.append(inner);
    expect(isTextField(text)).toBe(true);
    expect(isTextField(document.createElement("textarea"))).toBe(true);
    expect(isTextField(inner)).toBe(true);
    expect(isTextField(box)).toBe(false);
    expect(isTextField(document.createElement("button"))).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});

describe("installShortcuts", () => {
  let dispose: (() => void) | undefined;
  afterEach(() => {
    dispose?.();
    dispose = undefined;
    document.body.replaceChildren();
  });

  function key(target: EventTarget, init: KeyboardEventInit) {
    const event = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  }

  it("calls the handler and takes the key from the page", () => {
    const seen: string[] = [];
    dispose = installShortcuts(window, { newSession: () => seen.push("new") }, { mac: false });
    const event = key(document.body, { key: "n", ctrlKey: true });
    expect(seen).toEqual(["new"]);
    expect(event.defaultPrevented).toBe(true);
  });

  it("leaves a key alone when its handler declines, is missing, or a component took it", () => {
    const seen: string[] = [];
    dispose = installShortcuts(
      window,
      {
        stop: () => {
          seen.push("stop?");
          return false;
        },
        quickSwitch: () => seen.push("switch"),
      },
      { mac: false },
    );
    const form = document.createElement("form");
    form.className = "composer";
    const textarea = document.createElement("textarea");
    form.append(textarea);
    document.body.append(form);

    expect(key(textarea, { key: "Escape" }).defaultPrevented).toBe(false);
    expect(seen).toEqual(["stop?"]);
    expect(key(document.body, { key: "n", ctrlKey: true }).defaultPrevented).toBe(false);

    textarea.addEventListener("keydown", (event) => {
      event.preventDefault();
    }, { once: true });
    key(textarea, { key: "k", ctrlKey: true });
    expect(seen).toEqual(["stop?"]);
    key(textarea, { key: "k", ctrlKey: true });
    expect(seen).toEqual(["stop?", "switch"]);
  });

  it("recognises the message box through the given test", () => {
    const seen: string[] = [];
    const input = document.createElement("input");
    input.id = "prompt";
    document.body.append(input);
    dispose = installShortcuts(window, { stop: () => seen.push("stop") }, {
      mac: false,
      isComposer: (element) => element.id === "prompt",
    });
    key(input, { key: "Escape" });
    expect(seen).toEqual(["stop"]);
  });

  it("stops listening once disposed", () => {
    const seen: string[] = [];
    dispose = installShortcuts(window, { help: () => seen.push("help") }, { mac: true });
    key(document.body, { key: "/", metaKey: true });
    dispose();
    dispose = undefined;
    key(document.body, { key: "/", metaKey: true });
    expect(seen).toEqual(["help"]);
  });
});
