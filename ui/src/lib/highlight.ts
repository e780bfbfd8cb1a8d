// Syntax highlighting shared by chat code blocks and the file viewer. highlight.js core with a
// fixed set of common languages keeps the bundle small (no auto-detection over 190 grammars,
// which is also slow on long tool outputs). Output is highlight.js's escaped HTML: only <span
// class="hljs-..."> elements around escaped text.
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import ini from "highlight.js/lib/languages/ini";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import kotlin from "highlight.js/lib/languages/kotlin";
import markdown from "highlight.js/lib/languages/markdown";
import php from "highlight.js/lib/languages/php";
import python from "highlight.js/lib/languages/python";
import ruby from "highlight.js/lib/languages/ruby";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import swift from "highlight.js/lib/languages/swift";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { TextCache } from "./textCache";

const LANGUAGES = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  ini,
  java,
  javascript,
  json,
  kotlin,
  markdown,
  php,
  python,
  ruby,
  rust,
  sql,
  swift,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** Above this size code is shown plain: highlighting a huge tool output would block typing. */
export const HIGHLIGHT_LIMIT = 200_000;

const BY_EXTENSION: Record<string, string> = {
  sh: "bash",
  bash: "bash",
  zsh: "bash",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  hpp: "cpp",
  cs: "csharp",
  css: "css",
  scss: "css",
  diff: "diff",
  patch: "diff",
  go: "go",
  ini: "ini",
  toml: "ini",
  java: "java",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  json: "json",
  kt: "kotlin",
  md: "markdown",
  php: "php",
  py: "python",
  rb: "ruby",
  rs: "rust",
  sql: "sql",
  swift: "swift",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  html: "xml",
  xml: "xml",
  svg: "xml",
  vue: "xml",
  yml: "yaml",
  yaml: "yaml",
};

/** The language to highlight a file as, from its name; `null` when unknown. */
export function languageOfPath(path: string): string | null {
  const name = path.split("/").pop() ?? "";
  if (name === "Dockerfile" || name === "Makefile") return "bash";
  const dot = name.lastIndexOf(".");
  if (dot < 0) return null;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** Escapes text for use as HTML content. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/**
 * 2 M characters of code and HTML. A session opened again highlights the same diff lines and tool
 * outputs again (measured: 26 calls, 5-7 ms of a 50-70 ms open in bench-ui).
 */
const cache = new TextCache(2_000_000);

/**
 * Highlighted HTML for `code`. `language` is a fence tag or a name from `languageOfPath`; an
 * unknown language, or code over `HIGHLIGHT_LIMIT`, comes back escaped but plain.
 */
export function highlight(code: string, language: string | null | undefined): string {
  const name = language?.trim().toLowerCase();
  if (!name || code.length > HIGHLIGHT_LIMIT || !hljs.getLanguage(name)) return escapeHtml(code);
  const key = `${name}\u0000${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  cache.set(key, html);
  return html;
}

