// Putting text on the clipboard (Copy buttons on code, share links). The async Clipboard API is
// the way, but WebKitGTK may refuse it (no secure context, or no user gesture left once an awaited
// call has returned), so a hidden selected textarea with the old copy command is the fallback.
// Returns whether either worked, so the caller can say so or show the text for a manual copy.

export interface ClipboardAccess {
  writeText?: (text: string) => Promise<void>;
  /** The fallback: copies by selecting text; returns whether the engine says it copied. */
  copyBySelection?: (text: string) => boolean;
}

function copyBySelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  // Off screen but rendered: a display:none element cannot be selected.
  area.style.position = "fixed";
  area.style.top = "-1000px";
  area.style.opacity = "0";
  const previous = document.activeElement;
  document.body.append(area);
  // Focused too: some engines copy only from the focused element's selection.
  area.focus();
  area.select();
  try {
    // Deprecated, yet the only synchronous copy engines still honour.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
    if (previous instanceof HTMLElement) previous.focus();
  }
}

function browserClipboard(): ClipboardAccess {
  const clipboard = typeof navigator === "undefined" ? undefined : navigator.clipboard;
  return {
    ...(clipboard ? { writeText: (text: string) => clipboard.writeText(text) } : {}),
    copyBySelection,
  };
}

/** Puts `text` on the clipboard; whether it got there. `access` is for tests. */
export async function copyText(text: string, access: ClipboardAccess = browserClipboard()): Promise<boolean> {
  if (access.writeText) {
    try {
      await access.writeText(text);
      return true;
    } catch {
      // Refused: try the fallback.
    }
  }
  return access.copyBySelection?.(text) ?? false;
}
