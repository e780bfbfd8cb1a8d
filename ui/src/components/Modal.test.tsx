import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import Modal from "./Modal";

afterEach(cleanup);

describe("Modal", () => {
  it("is a named modal dialog with a Close button, closed by Escape or a press outside", () => {
    const onClose = vi.fn();
    render(() => (
      <Modal label="Settings" onClose={onClose}>
        <p>Inside</p>
      </Modal>
    ));
    const dialog = screen.getByRole("dialog", { name: "Settings" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    screen.getByRole("button", { name: "Close" }).click();
    fireEvent.keyDown(screen.getByText("Inside"), { key: "Escape" });
    // A press inside (say, the start of a text selection) is not a press outside.
    fireEvent.mouseDown(screen.getByText("Inside"));
    fireEvent.mouseDown(dialog.parentElement as HTMLElement);
    expect(onClose).toHaveBeenCalledTimes(3);
  });

  it("frames a confirmation: an alert dialog named by its heading, without the corner button", () => {
    const onClose = vi.fn();
    render(() => (
      <Modal
        role="alertdialog"
        labelledBy="h"
        describedBy="m"
        narrow
        closeButton={false}
        onClose={onClose}
        onKeyDown={(event) => {
          // The dialog takes Escape itself (busy: not now).
          if (event.key === "Escape") event.preventDefault();
        }}
      >
        <h2 id="h" class="modal-title">
          Delete “Fix the build”?
        </h2>
        <p id="m">This cannot be undone.</p>
      </Modal>
    ));
    const dialog = screen.getByRole("alertdialog", { name: "Delete “Fix the build”?" });
    expect(dialog.getAttribute("aria-describedby")).toBe("m");
    expect(dialog.classList.contains("modal-narrow")).toBe(true);
    expect(screen.queryByRole("button", { name: "Close" })).toBeNull();
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(onClose).not.toHaveBeenCalled();
  });
});
