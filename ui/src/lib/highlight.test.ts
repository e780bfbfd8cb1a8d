import hljs from "highlight.js/lib/core";
import { describe, expect, it, vi } from "vitest";
import { HIGHLIGHT_LIMIT, highlight, languageOfPath } from "./highlight";

describe("highlight", () => {
  it("highlights the same code in the same language once: a session opened again reuses it", () => {
    const spy = vi.spyOn(hljs, "highlight");
    const code = "fn cached_once() -> u8 { 42 }";
    const first = highlight(code, "rust");
    expect(highlight(code, "rust")).toBe(first);
    expect(spy).toHaveBeenCalledTimes(1);
    // Another language is another highlight.
    highlight(code, "c");
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("marks up known languages with hljs classes around escaped text", () => {
    const html = highlight('fn main() { let s = "<b>"; }', "rust");
    expect(html).toContain('<span class="hljs-keyword">fn</span>');
    expect(html).toContain("&lt;b&gt;");
    expect(html).not.toContain("<b>");
  });

  it("accepts aliases and leaves unknown languages plain but escaped", () => {
    expect(highlight("const a = 1", "ts")).toContain("hljs-keyword");
    expect(highlight("<script>x</script>", "klingon")).toBe("&lt;script&gt;x&lt;/script&gt;");
    expect(highlight("<i>", null)).toBe("&lt;i&gt;");
  });

  it("does not highlight huge code", () => {
    const big = "let x = 1;\n".repeat(HIGHLIGHT_LIMIT / 10);
    expect(highlight(big, "javascript")).not.toContain("<span");
  });

  it("knows languages by file name", () => {
    expect(languageOfPath("src/main.rs")).toBe("rust");
    expect(languageOfPath("a/b/App.TSX")).toBe("typescript");
    expect(languageOfPath("Cargo.toml")).toBe("ini");
    expect(languageOfPath("LICENSE")).toBeNull();
  });
});
