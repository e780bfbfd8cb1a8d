import { describe, expect, it } from "vitest";
import { HIGHLIGHT_LIMIT, highlight, languageOfPath } from "./highlight";

describe("highlight", () => {
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
