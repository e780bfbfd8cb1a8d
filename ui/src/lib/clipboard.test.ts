import { expect, it } from "vitest";
import { copyText } from "./clipboard";

it("copies with the Clipboard API when it works", async () => {
  const copied: string[] = [];
  const ok = await copyText("https://opncd.ai/s/abc", {
    writeText: (text) => {
      copied.push(text);
      return Promise.resolve();
    },
    copyBySelection: () => {
      throw new Error("not reached");
    },
  });
  expect(ok).toBe(true);
  expect(copied).toEqual(["https://opncd.ai/s/abc"]);
});

it("falls back to copying a selection when the API refuses", async () => {
  const copied: string[] = [];
  const ok = await copyText("link", {
    writeText: () => Promise.reject(new Error("NotAllowedError")),
    copyBySelection: (text) => {
      copied.push(text);
      return true;
    },
  });
  expect(ok).toBe(true);
  expect(copied).toEqual(["link"]);
});

it("says so when nothing could copy", async () => {
  expect(await copyText("link", { copyBySelection: () => false })).toBe(false);
  expect(await copyText("link", {})).toBe(false);
});

it("copies the text from a focused, selected text box, then gives the focus back", async () => {
  const button = document.createElement("button");
  document.body.append(button);
  button.focus();
  let copiedFrom: Element | null = null;
  let selected = "";
  Object.defineProperty(document, "execCommand", {
    value: () => {
      copiedFrom = document.activeElement;
      const area = document.activeElement as HTMLTextAreaElement;
      selected = area.value.slice(area.selectionStart, area.selectionEnd);
      return true;
    },
    configurable: true,
  });
  try {
    expect(await copyText("echo hi")).toBe(true);
    expect(copiedFrom).toBeInstanceOf(HTMLTextAreaElement);
    expect(selected).toBe("echo hi");
    expect(document.activeElement).toBe(button);
    expect(document.querySelector("textarea")).toBeNull();
  } finally {
    Reflect.deleteProperty(document, "execCommand");
    button.remove();
  }
});

it("falls back to a selection in the page by default, and leaves no trace", async () => {
  // jsdom has neither the Clipboard API nor a working copy command: the result is false, and
  // the temporary text box is gone.
  const before = document.body.childElementCount;
  expect(await copyText("link")).toBe(false);
  expect(document.body.childElementCount).toBe(before);
});
