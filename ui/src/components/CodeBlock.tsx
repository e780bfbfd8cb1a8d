// A block of code or tool output: highlighted when its language is known, with a Copy button.
// Text can be huge (a 50 MB tool output is one string in the store), so at most `limit`
// characters go into the DOM; "Show all" swaps in a view that keeps only the rows on screen in
// the DOM, however long the text.
import { createMemo, createSignal, For, onCleanup, Show } from "solid-js";
import { copyText } from "../lib/clipboard";
import { highlight } from "../lib/highlight";
import "./CodeBlock.css";
import "./hljs.css";

/** Characters shown before the rest waits behind "Show all". */
export const CODE_LIMIT = 100_000;

/** How long "Copied" stays on a copy button. */
export const COPIED_FOR_MS = 1500;

/** A Copy button that says "Copied" for a moment after it worked. */
export function CopyButton(props: { text: () => string; label?: string }) {
  const [state, setState] = createSignal<"idle" | "copied" | "failed">("idle");
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearTimeout(timer);
  });
  const copy = async () => {
    const ok = await copyText(props.text());
    setState(ok ? "copied" : "failed");
    clearTimeout(timer);
    timer = setTimeout(() => setState("idle"), COPIED_FOR_MS);
  };
  return (
    <button
      type="button"
      class="code-copy"
      aria-label={state() === "idle" ? (props.label ?? "Copy code") : undefined}
      onClick={() => void copy()}
    >
      {state() === "copied" ? "Copied" : state() === "failed" ? "Copy failed" : "Copy"}
    </button>
  );
}

export interface CodeBlockProps {
  code: string;
  /** A fence tag or a name from `languageOfPath`; plain text when unknown or absent. */
  language?: string | null;
  /** What the block holds ("Output", "Command"), shown above it and naming it for screen readers. */
  label?: string;
  /** Characters put into the DOM before the rest waits behind "Show all". */
  limit?: number;
}

export default function CodeBlock(props: CodeBlockProps) {
  const [showAll, setShowAll] = createSignal(false);
  const limit = () => props.limit ?? CODE_LIMIT;
  const tooLong = () => props.code.length > limit();
  const shown = createMemo(() => (tooLong() ? cutAtLine(props.code, limit()) : props.code));
  return (
    <figure class="code-block" aria-label={props.label}>
      <div class="code-block-bar">
        <Show when={props.label}>
          <span class="code-block-label">{props.label}</span>
        </Show>
        <CopyButton text={() => props.code} label={props.label ? `Copy ${props.label.toLowerCase()}` : undefined} />
      </div>
      <Show
        when={!(showAll() && tooLong())}
        fallback={<VirtualText text={props.code} label={props.label ?? "Code"} />}
      >
        <pre class="code-block-pre">
          {/* highlight() escapes everything it does not wrap in its own <span class="hljs-…">. */}
          <code class="hljs" innerHTML={highlight(shown(), props.language)} />
        </pre>
        <Show when={tooLong()}>
          <p class="code-block-cut">
            Showing the first {count(shown().length)} of {count(props.code.length)} characters.{" "}
            <button type="button" class="btn btn-small" onClick={() => setShowAll(true)}>
              Show all
            </button>
          </p>
        </Show>
      </Show>
    </figure>
  );
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** The first `limit` characters, cut back to the last line break when one is near. */
export function cutAtLine(text: string, limit: number): string {
  const newline = text.lastIndexOf("\n", limit);
  return newline > limit / 2 ? text.slice(0, newline + 1) : text.slice(0, limit);
}

/** Pixels per row; set inline as the line height so the arithmetic below matches the screen. */
const ROW_HEIGHT = 18;
/** Rows tall (the view's height). */
const VIEW_ROWS = 24;
/** A longer line is shown as several rows, so no row puts a huge line into the DOM. */
export const ROW_CHARS = 1000;
/** Browsers stop laying out far below this height; longer texts scroll proportionally. */
const MAX_SCROLL_HEIGHT = 10_000_000;

/** Where each row of `text` starts: at each line, and every `rowChars` within a long line. */
export function rowStarts(text: string, rowChars = ROW_CHARS): number[] {
  const starts: number[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf("\n", at);
    const end = newline < 0 ? text.length : newline;
    for (let row = at; row < end || row === at; row += rowChars) starts.push(row);
    at = end + 1;
  }
  return starts;
}

/**
 * All of a long text, with only the rows in view in the DOM (about 24 rows of at most 1,000
 * characters): scrolling through 50 MB costs what scrolling through one screen does.
 */
export function VirtualText(props: { text: string; label: string }) {
  const starts = createMemo(() => rowStarts(props.text));
  const [scrollTop, setScrollTop] = createSignal(0);
  const fullHeight = () => starts().length * ROW_HEIGHT;
  const height = () => Math.min(fullHeight(), MAX_SCROLL_HEIGHT);
  // Past MAX_SCROLL_HEIGHT one pixel of scrolling moves more than one pixel of text.
  const scale = () => (fullHeight() > MAX_SCROLL_HEIGHT ? fullHeight() / MAX_SCROLL_HEIGHT : 1);
  const view = createMemo(() => {
    const rows = starts();
    const virtualTop = scrollTop() * scale();
    const first = Math.min(Math.floor(virtualTop / ROW_HEIGHT), Math.max(0, rows.length - VIEW_ROWS));
    const last = Math.min(rows.length, first + VIEW_ROWS + 2);
    const lines: string[] = [];
    for (let row = first; row < last; row++) {
      const start = rows[row] ?? 0;
      const next = rows[row + 1] ?? props.text.length;
      lines.push(props.text.slice(start, next).replace(/\n$/, ""));
    }
    // Keep the rows under the viewport's top edge, however scrolling is scaled.
    const top = scrollTop() - (virtualTop - first * ROW_HEIGHT) / scale();
    return { first, lines, top: Math.max(0, Math.min(top, height() - (last - first) * ROW_HEIGHT)) };
  });
  return (
    <div
      class="code-virtual"
      role="region"
      aria-label={`${props.label}, all ${count(starts().length)} rows`}
      // Focusable, so the keyboard can scroll it.
      tabIndex={0}
      style={{ height: `${String(Math.min(VIEW_ROWS, starts().length) * ROW_HEIGHT + 2)}px` }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div class="code-virtual-spacer" style={{ height: `${String(height())}px` }}>
        <pre
          class="code-virtual-rows"
          style={{ top: `${String(view().top)}px`, "line-height": `${String(ROW_HEIGHT)}px` }}
        >
          <For each={view().lines}>{(line) => <div class="code-virtual-row">{line || " "}</div>}</For>
        </pre>
      </div>
    </div>
  );
}
