// Markdown from the model → sanitized HTML. Everything the model writes is untrusted: marked
// turns it into HTML, DOMPurify keeps only harmless markup (no scripts, no event handlers, no
// javascript: links, no forms or frames). The CSP is the second wall, not the first.
//
// Fenced code is highlighted inside marked's renderer, so the highlighted HTML goes through
// DOMPurify like the rest. The copy buttons are added after sanitizing, as DOM nodes built here
// (no model text in them): DOMPurify forbids <button>, so a model cannot forge one.
import DOMPurify, { type Config } from "dompurify";
import { Marked, type Tokens } from "marked";
import { escapeHtml, highlight } from "./highlight";
import { TextCache } from "./textCache";

const PURIFY: Config & { RETURN_TRUSTED_TYPE: false } = {
  RETURN_TRUSTED_TYPE: false,
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object"],
  FORBID_ATTR: ["style"],
};

/** The attribute that marks a code block's copy button, for one delegated click handler. */
export const COPY_CODE_ATTRIBUTE = "data-copy-code";

/** A fence's language: its info string's first word, reduced to characters safe in a class name. */
function fenceLanguage(info: string | undefined): string {
  return /^[\w+#.-]*/.exec(info?.trim() ?? "")?.[0] ?? "";
}

/** Whether the code renderer highlights; off for code still being streamed. */
let highlighting = true;

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      const language = fenceLanguage(lang);
      const label = language ? `<span class="md-code-lang">${escapeHtml(language)}</span>` : "";
      const className = language ? `hljs language-${language}` : "hljs";
      return (
        `<div class="md-code"><div class="md-code-bar">${label}</div>` +
        `<pre><code class="${className}">${highlighting ? highlight(text, language) : escapeHtml(text)}</code></pre></div>\n`
      );
    },
  },
});

export interface RenderOptions {
  /**
   * Highlight fenced code (default true). Highlighting a long code block that is still being
   * streamed on every frame costs more than the rest of the reply (and DOMPurify then walks
   * thousands of spans), so a streaming reply shows its open code block plain until it closes.
   */
  highlight?: boolean;
}

export function renderMarkdown(text: string, options: RenderOptions = {}): string {
  highlighting = options.highlight ?? true;
  let html: string;
  try {
    html = marked.parse(text, { async: false });
  } finally {
    highlighting = true;
  }
  if (!html.includes("md-code-bar")) return DOMPurify.sanitize(html, PURIFY);
  const body = DOMPurify.sanitize(html, { ...PURIFY, RETURN_DOM: true });
  addCopyButtons(body);
  return (body as Element).innerHTML;
}

/** The render cache: 8 M characters of source and HTML. */
const cache = new TextCache(8_000_000);

/**
 * `renderMarkdown`, remembered: the same text renders once. A virtualized transcript mounts a
 * message again each time it scrolls back into view, and a finished block of a reply is the same
 * text on every frame of the stream; parsing is the costly part (WebKitGTK: about a second for
 * 50 KB of markdown), setting the HTML is not.
 */
export function renderMarkdownCached(text: string, options: RenderOptions = {}): string {
  const key = options.highlight === false ? `\u0000${text}` : text;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = renderMarkdown(text, options);
  cache.set(key, html);
  return html;
}

function addCopyButtons(root: Node) {
  if (!(root instanceof Element)) return;
  const doc = root.ownerDocument;
  for (const bar of root.querySelectorAll(".md-code-bar")) {
    const button = doc.createElement("button");
    button.type = "button";
    // The Copy button look CodeBlock's buttons have (components/CodeBlock.css).
    button.className = "code-copy";
    button.setAttribute(COPY_CODE_ATTRIBUTE, "");
    button.setAttribute("aria-label", "Copy code");
    button.textContent = "Copy";
    bar.append(button);
  }
}

/** A fence opener: up to 3 spaces, then 3 or more backticks or tildes. */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Splits markdown into top-level blocks that render the same apart as together, so a streaming
 * reply can keep the HTML of its finished blocks and re-render only the last, growing one.
 *
 * A block ends at a blank line followed by a line that starts in the first column, outside a
 * fenced code block: an indented line after a blank one may continue a list item or an indented
 * code block, so it never starts a block. Every boundary depends only on text before it and on
 * the first character after it, so appending text never moves one: a finished block's text (and
 * with it the HTML cached for it) stays the same while the reply grows.
 *
 * Not exact for everything markdown allows: a reference link defined in another block, an HTML
 * block with blank lines inside (see `needsWholeRender`); and a loose list becomes one list per
 * item (numbering kept), which looks the same.
 */
export function splitMarkdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let start = 0;
  let lineStart = 0;
  // The fence that opened the code block we are inside, or null.
  let fence: string | null = null;
  let afterBlank = false;
  // Leading blank lines do not make a block of their own.
  let blockHasText = false;
  while (lineStart < text.length) {
    const first = text[lineStart];
    if (fence === null && afterBlank && blockHasText && first !== " " && first !== "\t" && first !== "\n") {
      blocks.push(text.slice(start, lineStart));
      start = lineStart;
    }
    const newline = text.indexOf("\n", lineStart);
    // The last line is still being written: what it is will be known when it ends.
    if (newline < 0) break;
    const line = text.slice(lineStart, newline);
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      afterBlank = false;
    } else {
      const opener = FENCE_OPEN.exec(line);
      if (opener) {
        fence = opener[1] ?? null;
        afterBlank = false;
      } else {
        afterBlank = line.trim() === "";
      }
    }
    if (!afterBlank) blockHasText = true;
    lineStart = newline + 1;
  }
  blocks.push(text.slice(start));
  return blocks;
}

/** A link reference definition, or a line that opens an HTML block. */
const CROSS_BLOCK = /^ {0,3}(?:\[[^\]\n]+\]:|<[A-Za-z/!?])/m;

/**
 * Whether `text` must render as a whole: a reference link may be defined in another block than
 * its use, and an HTML block may hold blank lines. Neither is common in a model's reply.
 */
export function needsWholeRender(text: string): boolean {
  return CROSS_BLOCK.test(text);
}

/** Whether `text` ends inside a fenced code block that has not been closed yet. */
export function endsInsideFence(text: string): boolean {
  let fence: string | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, end);
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
    } else {
      fence = FENCE_OPEN.exec(line)?.[1] ?? null;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return fence !== null;
}

function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  const mark = fence[0] ?? "`";
  if (trimmed.length < fence.length || line.length - line.trimStart().length > 3) return false;
  for (const char of trimmed) if (char !== mark) return false;
  return true;
}
