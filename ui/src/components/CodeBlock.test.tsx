import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from "vitest";
import CodeBlock, { cutAtLine, rowStarts, ROW_CHARS } from "./CodeBlock";

afterEach(cleanup);

let writeText: Mock<(text: string) => Promise<void>>;
beforeEach(() => {
  writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});

describe("CodeBlock", () => {
  it("highlights known languages and escapes everything", () => {
    const { container } = render(() => <CodeBlock code={'const a = "<b>";'} language="ts" label="Input" />);
    expect(screen.getByRole("figure", { name: "Input" })).toBeTruthy();
    expect(container.querySelector(".hljs-keyword")?.textContent).toBe("const");
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector("code")?.textContent).toBe('const a = "<b>";');
  });

  it("copies the whole text, even the part not shown, and says Copied", async () => {
    const code = "x".repeat(50) + "\n" + "y".repeat(100);
    render(() => <CodeBlock code={code} label="Output" limit={60} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy output" }));
    expect(writeText).toHaveBeenCalledWith(code);
    expect(await screen.findByRole("button", { name: "Copied" })).toBeTruthy();
  });

  it("says when copying failed", async () => {
    writeText.mockImplementation(() => Promise.reject(new Error("denied")));
    Object.defineProperty(document, "execCommand", { value: () => false, configurable: true });
    render(() => <CodeBlock code="a" />);
    fireEvent.click(screen.getByRole("button", { name: "Copy code" }));
    expect(await screen.findByRole("button", { name: "Copy failed" })).toBeTruthy();
  });

  it("puts at most the limit into the DOM, and Show all keeps only the rows in view", () => {
    // 5 MB of output: 100,000 lines of 50 characters.
    const line = (i: number) => `${String(i).padStart(8, "0")} ${"-".repeat(40)}`;
    const big = Array.from({ length: 100_000 }, (_, i) => line(i)).join("\n");
    const { container } = render(() => <CodeBlock code={big} label="Output" />);
    const code = container.querySelector("code");
    expect(code?.textContent.length).toBeLessThanOrEqual(100_000);
    expect(code?.textContent.endsWith("\n")).toBe(true);
    expect(screen.getByText(/Showing the first .* of 4,999,999 characters/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Show all" }));
    const scroller = screen.getByRole("region", { name: "Output, all 100,000 rows" });
    expect(container.textContent.length).toBeLessThan(100_000);
    expect(scroller.textContent).toContain(line(0));
    expect(scroller.textContent).not.toContain(line(500));

    // Scroll to row 50,000 (rows are 18 px).
    Object.defineProperty(scroller, "scrollTop", { value: 50_000 * 18, configurable: true });
    fireEvent.scroll(scroller);
    expect(scroller.textContent).toContain(line(50_000));
    expect(scroller.textContent).not.toContain(line(0));
    expect(container.textContent.length).toBeLessThan(100_000);

    // The very end is reachable.
    Object.defineProperty(scroller, "scrollTop", { value: 100_000 * 18, configurable: true });
    fireEvent.scroll(scroller);
    expect(scroller.textContent).toContain(line(99_999));
  });

  it("scrolls through a text taller than a browser can lay out", () => {
    // 1,000,000 rows × 18 px is past the 10 M px spacer cap: scrolling is scaled.
    const big = "row\n".repeat(1_000_000) + "last";
    render(() => <CodeBlock code={big} label="Output" limit={1000} />);
    fireEvent.click(screen.getByRole("button", { name: "Show all" }));
    const scroller = screen.getByRole("region", { name: /all 1,000,001 rows/ });
    const spacer = scroller.firstElementChild as HTMLElement;
    expect(spacer.style.height).toBe("10000000px");
    Object.defineProperty(scroller, "scrollTop", { value: 10_000_000, configurable: true });
    fireEvent.scroll(scroller);
    expect(scroller.textContent).toContain("last");
  });
});

describe("rowStarts", () => {
  it("starts a row at each line and every ROW_CHARS within a long line", () => {
    expect(rowStarts("ab\n\ncd")).toEqual([0, 3, 4]);
    expect(rowStarts("a\n")).toEqual([0]);
    expect(rowStarts("")).toEqual([]);
    const long = "x".repeat(ROW_CHARS * 2 + 5);
    expect(rowStarts(`${long}\nend`)).toEqual([0, ROW_CHARS, ROW_CHARS * 2, long.length + 1]);
  });
});

describe("cutAtLine", () => {
  it("cuts at the last line break before the limit, or at the limit in a long line", () => {
    expect(cutAtLine("aaaa\nbbbb\ncccc", 12)).toBe("aaaa\nbbbb\n");
    expect(cutAtLine("x".repeat(30), 10)).toBe("x".repeat(10));
  });
});
