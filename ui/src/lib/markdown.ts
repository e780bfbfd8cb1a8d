// Markdown from the model → sanitized HTML. Everything the model writes is untrusted: marked
// turns it into HTML, DOMPurify keeps only harmless markup (no scripts, no event handlers, no
// javascript: links, no forms or frames). The CSP is the second wall, not the first.
import DOMPurify, { type Config } from "dompurify";
import { marked } from "marked";

marked.setOptions({ gfm: true, breaks: false });

const PURIFY: Config & { RETURN_TRUSTED_TYPE: false } = {
  RETURN_TRUSTED_TYPE: false,
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object"],
  FORBID_ATTR: ["style"],
};

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false });
  return DOMPurify.sanitize(html, PURIFY);
}
