import { createRoot } from "solid-js";
import { expect, it } from "vitest";
import { createToastList, MAX_TOASTS, toastVariant } from "./toasts";

it("reads a program's variant, whatever its case, and anything else as info", () => {
  expect(toastVariant("success")).toBe("success");
  expect(toastVariant("ERROR")).toBe("error");
  expect(toastVariant("warning")).toBe("warning");
  expect(toastVariant("loud")).toBe("info");
});

it("keeps toasts in order, each with its own id, and removes one by its id", () => {
  createRoot((dispose) => {
    const list = createToastList();
    const first = list.show({ message: "one", variant: "info" });
    const second = list.show({ message: "two", variant: "error" });
    expect(first).not.toBe(second);
    expect(list.toasts().map((t) => t.message)).toEqual(["one", "two"]);
    list.dismiss(first);
    expect(list.toasts().map((t) => t.message)).toEqual(["two"]);
    dispose();
  });
});

it("drops the oldest once a program sends more than fit", () => {
  createRoot((dispose) => {
    const list = createToastList();
    for (let i = 1; i <= MAX_TOASTS + 2; i++) list.show({ message: `toast ${String(i)}`, variant: "info" });
    expect(list.toasts()).toHaveLength(MAX_TOASTS);
    expect(list.toasts()[0]?.message).toBe("toast 3");
    dispose();
  });
});
