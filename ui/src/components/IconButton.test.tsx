import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import IconButton from "./IconButton";

afterEach(cleanup);

describe("IconButton", () => {
  it("is named by its label, shows it as the tooltip, and hides the icon from screen readers", () => {
    const onClick = vi.fn();
    render(() => (
      <IconButton label="Files" pressed={false} onClick={onClick}>
        <svg aria-hidden="true" />
      </IconButton>
    ));
    const button = screen.getByRole("button", { name: "Files" });
    expect(button.getAttribute("title")).toBe("Files");
    expect(button.getAttribute("aria-pressed")).toBe("false");
    expect(button.getAttribute("type")).toBe("button");
    button.click();
    expect(onClick).toHaveBeenCalledOnce();
  });

  it("takes a longer tooltip without changing its name", () => {
    render(() => (
      <IconButton label="Settings" title="The app's settings">
        <svg aria-hidden="true" />
      </IconButton>
    ));
    const button = screen.getByRole("button", { name: "Settings" });
    expect(button.getAttribute("title")).toBe("The app's settings");
    expect(button.hasAttribute("aria-pressed")).toBe(false);
  });
});
