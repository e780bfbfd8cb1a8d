import { describe, expect, it } from "vitest";
import { needsWholeRender, renderMarkdown, renderMarkdownCached, splitMarkdownBlocks } from "./markdown";

function dom(html: string): HTMLElement {
  const root = document.createElement("div");
  root.innerHTML = html;
  return root;
}

describe("renderMarkdown", () => {
  it("renders the markdown a model writes", () => {
    const html = renderMarkdown("# Plan\n\n- **one**\n- `two`\n\n```rust\nfn main() {}\n```");
    expect(html).toContain("<h1>Plan</h1>");
    expect(html).toContain("<strong>one</strong>");
    expect(html).toContain("<code>two</code>");
    expect(html).toContain('<code class="hljs language-rust">');
  });

  it("highlights fenced code and gives each block a Copy button", () => {
    const root = dom(renderMarkdown("```rust\nfn main() {}\n```\n\n```\nplain <b>text</b>\n```"));
    const [rust, plain] = root.querySelectorAll("code");
    expect(rust?.querySelector(".hljs-keyword")?.textContent).toBe("fn");
    expect(rust?.textContent).toBe("fn main() {}");
    expect(plain?.textContent).toBe("plain <b>text</b>");
    expect(plain?.querySelector("b")).toBeNull();
    const buttons = root.querySelectorAll("button[data-copy-code]");
    expect(buttons).toHaveLength(2);
    expect(buttons[0]?.getAttribute("aria-label")).toBe("Copy code");
    // Styled as CodeBlock's Copy button is (one look, one rule in CodeBlock.css).
    expect(buttons[0]?.classList.contains("code-copy")).toBe(true);
    expect(root.querySelector(".md-code-lang")?.textContent).toBe("rust");
  });

  it("keeps a malicious fence harmless: its code, its info string and forged buttons", () => {
    const html = renderMarkdown(
      [
        '```js" onmouseover="alert(1)',
        "</code></pre><img src=x onerror=alert(2)><script>alert(3)</script>",
        "```",
        "",
        '```"><img src=x onerror=alert(4)>',
        "x",
        "```",
        "",
        '<button data-copy-code onclick="alert(5)">Copy</button>',
      ].join("\n"),
    );
    const root = dom(html);
    expect(root.querySelector("img, script, [onerror], [onmouseover], [onclick]")).toBeNull();
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onerror=");
    // The attack text is still shown, as text, inside the first code block.
    expect(root.querySelector("code")?.textContent).toContain("<img src=x onerror=alert(2)>");
    expect(root.querySelector("code")?.className).toBe("hljs language-js");
    // Only our two buttons, none from the model.
    expect(root.querySelectorAll("button")).toHaveLength(2);
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

describe("splitMarkdownBlocks", () => {
  it("splits at blank lines before a line in the first column", () => {
    expect(splitMarkdownBlocks("# Title\n\nOne\ntwo\n\n- a\n- b\n")).toEqual(["# Title\n\n", "One\ntwo\n\n", "- a\n- b\n"]);
  });

  it("never splits inside fenced code, an indented continuation, or before the next line begins", () => {
    const fenced = "```py\na = 1\n\nb = 2\n```\n\nafter";
    expect(splitMarkdownBlocks(fenced)).toEqual(["```py\na = 1\n\nb = 2\n```\n\n", "after"]);
    const tildes = "~~~~\n```\n\nstill code\n~~~~\n\nout";
    expect(splitMarkdownBlocks(tildes)).toEqual(["~~~~\n```\n\nstill code\n~~~~\n\n", "out"]);
    const list = "1. step\n\n   more of step one\n\n2. next";
    expect(splitMarkdownBlocks(list)).toEqual(["1. step\n\n   more of step one\n\n", "2. next"]);
    expect(splitMarkdownBlocks("para\n\n")).toEqual(["para\n\n"]);
    expect(splitMarkdownBlocks("\n\nlead")).toEqual(["\n\nlead"]);
    expect(splitMarkdownBlocks("")).toEqual([""]);
  });

  it("keeps every finished block as the text grows, whatever the chunking", () => {
    const reply =
      "Intro **bold**\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n- x\n\n  continued\n- y\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEnd.";
    const final = splitMarkdownBlocks(reply);
    expect(final.join("")).toBe(reply);
    for (let cut = 0; cut <= reply.length; cut++) {
      const partial = splitMarkdownBlocks(reply.slice(0, cut));
      // All but the last (growing) block are already final.
      partial.slice(0, -1).forEach((block, i) => {
        expect(block).toBe(final[i]);
      });
      expect(partial.join("")).toBe(reply.slice(0, cut));
    }
  });

  it("renders each block alone as the whole renders it, for the common shapes", () => {
    const reply = "## Steps\n\nDo this:\n\n```sh\nnpm test\n```\n\n1. one\n2. two\n\n> quoted\n\nDone.";
    const whole = renderMarkdown(reply).replace(/\s+/g, "");
    const pieces = splitMarkdownBlocks(reply)
      .map((block) => renderMarkdown(block))
      .join("")
      .replace(/\s+/g, "");
    expect(pieces).toBe(whole);
  });
});

describe("needsWholeRender", () => {
  it("is true only for markdown that spans blocks: reference definitions and HTML blocks", () => {
    expect(needsWholeRender("Use [x][1].\n\n[1]: https://x.dev")).toBe(true);
    expect(needsWholeRender("<details>\n\nhidden\n\n</details>")).toBe(true);
    expect(needsWholeRender("# Plain\n\n- [ ] task\n\n`a < b`, [link](https://x.dev)")).toBe(false);
  });
});

describe("renderMarkdownCached", () => {
  it("renders as renderMarkdown does, once per text and highlight choice", () => {
    const text = "```ts\nconst cached = 1;\n```";
    expect(renderMarkdownCached(text)).toBe(renderMarkdown(text));
    expect(renderMarkdownCached(text)).toBe(renderMarkdownCached(text));
    expect(renderMarkdownCached(text, { highlight: false })).toBe(renderMarkdown(text, { highlight: false }));
    expect(renderMarkdownCached(text, { highlight: false })).not.toContain("hljs-keyword");
    expect(renderMarkdownCached(text)).toContain("hljs-keyword");
  });
});
