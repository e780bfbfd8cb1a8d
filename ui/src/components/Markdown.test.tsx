import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, beforeEach, expect, it, type Mock, vi } from "vitest";
import Markdown from "./Markdown";

afterEach(cleanup);

let writeText: Mock<(text: string) => Promise<void>>;
beforeEach(() => {
  writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

it("renders sanitized markdown and keeps links from navigating the window", () => {
  const { container } = render(() => <Markdown text={'**Done.** See [docs](https://opencode.ai) <img src=x onerror="alert(1)">'} />);
  expect(container.querySelector("strong")?.textContent).toBe("Done.");
  expect(container.querySelector("[onerror]")).toBeNull();
  const link = screen.getByRole("link", { name: "docs" });
  const click = new MouseEvent("click", { bubbles: true, cancelable: true });
  link.dispatchEvent(click);
  expect(click.defaultPrevented).toBe(true);
});

it("copies a code block's text with its Copy button, then says Copied", async () => {
  vi.useFakeTimers({ toFake: ["setTimeout"] });
  render(() => <Markdown text={"```ts\nconst a = 1 < 2;\n```\n\n```\nsecond\n```"} />);
  const buttons = screen.getAllByRole("button", { name: "Copy code" });
  expect(buttons).toHaveLength(2);
  fireEvent.click(buttons[0] as HTMLElement);
  expect(writeText).toHaveBeenCalledWith("const a = 1 < 2;");
  await vi.waitFor(() => {
    expect(buttons[0]?.textContent).toBe("Copied");
  });
  expect(buttons[1]?.textContent).toBe("Copy");
  vi.advanceTimersByTime(2000);
  expect(buttons[0]?.textContent).toBe("Copy");
  expect(buttons[0]?.getAttribute("aria-label")).toBe("Copy code");
  vi.useRealTimers();
});

it("falls back to a hidden textarea and execCommand when the Clipboard API refuses", async () => {
  writeText.mockImplementation(() => Promise.reject(new Error("not allowed")));
  const execCommand = vi.fn(() => true);
  Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true });
  let copied = "";
  execCommand.mockImplementation(() => {
    copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? "";
    return true;
  });
  render(() => <Markdown text={"```\necho hi\n```"} />);
  fireEvent.click(screen.getByRole("button", { name: "Copy code" }));
  await vi.waitFor(() => {
    expect(execCommand).toHaveBeenCalledWith("copy");
  });
  expect(copied).toBe("echo hi");
  // The textarea is gone again.
  expect(document.querySelector("textarea")).toBeNull();
  await vi.waitFor(() => {
    expect(screen.getByRole("button", { name: "Copied" })).toBeTruthy();
  });
});

it("while streaming, keeps finished blocks' DOM and renders the growing one once per frame", async () => {
  const [text, setText] = createSignal("# Title\n\nFirst para");
  const [streaming, setStreaming] = createSignal(true);
  const { container } = render(() => <Markdown text={text()} streaming={streaming()} />);
  const heading = container.querySelector("h1");
  expect(heading?.textContent).toBe("Title");

  setText((t) => `${t} grows`);
  setText((t) => `${t} more`);
  // Not yet: the update waits for the next frame.
  expect(container.textContent).not.toContain("more");
  await nextFrame();
  expect(container.textContent).toContain("First para grows more");
  // The finished heading block was not rendered again: same element.
  expect(container.querySelector("h1")).toBe(heading);

  setText((t) => `${t}\n\nSecond para`);
  await nextFrame();
  expect(container.querySelectorAll("p")).toHaveLength(2);
  expect(container.querySelector("h1")).toBe(heading);

  // The stream ends: the last block renders at once, without waiting for a frame, and the
  // finished blocks are left as they are.
  setText((t) => `${t} end.`);
  setStreaming(false);
  expect(container.textContent).toContain("Second para end.");
  expect(container.querySelector("h1")).toBe(heading);
});

it("while the user types, leaves the frame that carries a key to the key", async () => {
  const [text, setText] = createSignal("Streaming");
  const { container } = render(() => <Markdown text={text()} streaming />);
  setText((t) => `${t} one`);
  await nextFrame();
  expect(container.textContent.trim()).toBe("Streaming one");

  document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
  setText((t) => `${t} two`);
  await nextFrame();
  // The key's frame paints the key alone; the text follows a frame later.
  expect(container.textContent.trim()).toBe("Streaming one");
  await nextFrame();
  expect(container.textContent.trim()).toBe("Streaming one two");
});

it("renders a finished text that uses reference links as a whole", () => {
  const { container } = render(() => <Markdown text={"See [the docs][docs].\n\n[docs]: https://opencode.ai\n"} />);
  expect(container.querySelectorAll(".markdown-block")).toHaveLength(1);
  expect(container.querySelector("a")?.getAttribute("href")).toBe("https://opencode.ai");
});
