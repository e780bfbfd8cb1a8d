// Rendered, sanitized markdown. Links never navigate the app's own window away. Code blocks carry
// a Copy button, handled by one click listener on the container (the blocks are HTML strings).
//
// While a reply streams, its text grows many times a second. Rendering all of it on every delta
// costs time in proportion to the reply's length (in WebKitGTK about a second for 50 KB); instead
// the text is split into top-level blocks (lib/markdown.ts), each block renders once, and only
// the last, growing block renders again, at most once per animation frame (fewer while the user
// types beside it, lib/userInput). A code block still open is shown unhighlighted until its fence
// closes. A finished reply keeps its blocks (so the end of a stream costs nothing), unless it uses
// markdown that spans blocks (reference links, HTML blocks): then it renders whole once. Rendered blocks are cached, so a message scrolled back
// into a virtualized transcript is not parsed again.
import { type Accessor, createComputed, createMemo, createSignal, Index, onCleanup, untrack } from "solid-js";
import { copyText } from "../lib/clipboard";
import { pacedFrame } from "../lib/userInput";
import {
  COPY_CODE_ATTRIBUTE,
  endsInsideFence,
  needsWholeRender,
  renderMarkdownCached,
  splitMarkdownBlocks,
} from "../lib/markdown";
import { COPIED_FOR_MS } from "./CodeBlock";
// For .code-copy, the Copy button look shared with CodeBlock.
import "./CodeBlock.css";
import "./Markdown.css";

export interface MarkdownProps {
  text: string;
  /** The text is still growing: render it at most once per frame, and open code plain. */
  streaming?: boolean;
}

export default function Markdown(props: MarkdownProps) {
  const streaming = () => props.streaming === true;
  const text = frameThrottled(() => props.text, streaming);
  const blocks = createMemo(() =>
    streaming() || !needsWholeRender(text()) ? splitMarkdownBlocks(text()) : [text()],
  );
  return (
    <div class="markdown" onClick={onClick}>
      <Index each={blocks()}>
        {(block) => (
          <div
            class="markdown-block"
            // Sanitized in renderMarkdown: the only HTML from the model that reaches the DOM.
            // A code block still being streamed shows plain until its fence closes. (Closed blocks
            // never read streaming(), so the end of the stream leaves them alone.)
            innerHTML={renderMarkdownCached(block(), { highlight: !(endsInsideFence(block()) && streaming()) })}
          />
        )}
      </Index>
    </div>
  );
}

function onClick(event: MouseEvent) {
  if (!(event.target instanceof Element)) return;
  const copy = event.target.closest(`button[${COPY_CODE_ATTRIBUTE}]`);
  if (copy instanceof HTMLButtonElement) {
    const code = copy.closest(".md-code")?.querySelector("code")?.textContent ?? "";
    void copyText(code).then((ok) => {
      flash(copy, ok ? "Copied" : "Copy failed");
    });
    return;
  }
  if (event.target.closest("a")) event.preventDefault();
}

/** Shows `word` on a copy button for a moment. The button is plain DOM inside rendered HTML. */
function flash(button: HTMLButtonElement, word: string) {
  button.textContent = word;
  button.setAttribute("aria-label", word);
  setTimeout(() => {
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code");
  }, COPIED_FOR_MS);
}

/**
 * `source`, updated at most once per animation frame while `active` (every other frame, and not
 * in a key's frame, while the user types: lib/userInput); at once otherwise (and at once when
 * `active` turns false, so the final text never waits for a frame).
 */
function frameThrottled(source: Accessor<string>, active: Accessor<boolean>): Accessor<string> {
  const [value, setValue] = createSignal(untrack(source));
  let cancel: (() => void) | undefined;
  createComputed(() => {
    const next = source();
    if (!active()) {
      cancel?.();
      cancel = undefined;
      setValue(next);
      return;
    }
    cancel ??= pacedFrame(() => {
      cancel = undefined;
      setValue(untrack(source));
    });
  });
  onCleanup(() => cancel?.());
  return value;
}
