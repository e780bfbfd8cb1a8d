import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders the markdown a model writes", () => {
    const html = renderMarkdown("# Plan\n\n- **one**\n- `two`\n\n```rust\nfn main() {}\n```");
    expect(html).toContain("<h1>Plan</h1>");
    expect(html).toContain("<strong>one</strong>");
    expect(html).toContain("<code>two</code>");
    expect(html).toContain('<code class="language-rust">fn main() {}');
  });

  it("removes scripts, event handlers and javascript: links", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src="x" onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onerror");
    const link = renderMarkdown('<a href="javascript:alert(3)">click</a> and [ok](https://opencode.ai)');
    expect(link).not.toContain('href="javascript:');
    expect(link).toContain('href="https://opencode.ai"');
  });

  it("keeps text that merely looks like markup as text", () => {
    expect(renderMarkdown("a < b && c > d")).toContain("a &lt; b &amp;&amp; c &gt; d");
  });
});
