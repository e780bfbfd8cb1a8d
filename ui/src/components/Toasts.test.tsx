import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import Toasts, { DEFAULT_TOAST_MS, type ToastItem } from "./Toasts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Renders the toasts over a list that Dismiss (or the timer) shortens, as the app's does. */
function setup(initial: ToastItem[]) {
  const [toasts, setToasts] = createSignal<readonly ToastItem[]>(initial);
  const onDismiss = vi.fn((id: number) => setToasts((list) => list.filter((t) => t.id !== id)));
  render(() => <Toasts toasts={toasts()} onDismiss={onDismiss} />);
  const region = screen.getByRole("status", { name: "Notifications from programs" });
  return { region, setToasts, onDismiss };
}

const toast = (over: Partial<ToastItem> = {}): ToastItem => ({
  id: 1,
  title: "Build",
  message: "All tests passed",
  variant: "success",
  ...over,
});

it("is a polite status region, there even with no toast", () => {
  const { region } = setup([]);
  expect(region.getAttribute("aria-live")).toBe("polite");
  expect(region.children).toHaveLength(0);
});

it("shows each toast's title and message, styled by its variant", () => {
  const { region } = setup([toast(), toast({ id: 2, title: null, message: "Disk full", variant: "error" })]);
  expect(within(region).getByText("Build")).toBeTruthy();
  expect(within(region).getByText("All tests passed")).toBeTruthy();
  const error = within(region).getByText("Disk full").closest(".toast");
  expect(error?.getAttribute("data-variant")).toBe("error");
  // Said, not only coloured.
  expect(error?.textContent).toContain("Error: ");
  expect(region.querySelectorAll(".toast-title")).toHaveLength(1);
});

it("goes by itself after five seconds, or after the duration it was given", () => {
  const { region } = setup([toast(), toast({ id: 2, message: "Short", duration: 1000 })]);
  vi.advanceTimersByTime(999);
  expect(within(region).queryByText("Short")).not.toBeNull();
  vi.advanceTimersByTime(1);
  expect(within(region).queryByText("Short")).toBeNull();
  vi.advanceTimersByTime(DEFAULT_TOAST_MS - 1001);
  expect(within(region).queryByText("All tests passed")).not.toBeNull();
  vi.advanceTimersByTime(1);
  expect(within(region).queryByText("All tests passed")).toBeNull();
});

it("closes with Dismiss", () => {
  const { region, onDismiss } = setup([toast()]);
  fireEvent.click(within(region).getByRole("button", { name: "Dismiss" }));
  expect(onDismiss).toHaveBeenCalledWith(1);
  expect(region.children).toHaveLength(0);
});

it("runs its action once and closes", () => {
  const run = vi.fn();
  const { region } = setup([toast({ action: { label: "Undo", run } })]);
  fireEvent.click(within(region).getByRole("button", { name: "Undo" }));
  expect(run).toHaveBeenCalledTimes(1);
  expect(region.children).toHaveLength(0);
});

it("stays while the pointer or the focus is on it, then goes a little later", () => {
  const { region } = setup([toast({ duration: 1000, action: { label: "Undo", run: vi.fn() } })]);
  const shown = region.querySelector<HTMLElement>(".toast");
  if (!shown) throw new Error("no toast");
  fireEvent.mouseEnter(shown);
  vi.advanceTimersByTime(10_000);
  expect(region.children).toHaveLength(1);
  fireEvent.mouseLeave(shown);
  fireEvent.focusIn(within(region).getByRole("button", { name: "Undo" }));
  vi.advanceTimersByTime(10_000);
  expect(region.children).toHaveLength(1);
  fireEvent.focusOut(within(region).getByRole("button", { name: "Undo" }));
  vi.advanceTimersByTime(1499);
  expect(region.children).toHaveLength(1);
  vi.advanceTimersByTime(1);
  expect(region.children).toHaveLength(0);
});

it("keeps the timers of toasts already shown when another arrives", () => {
  const { region, setToasts } = setup([toast({ duration: 1000 })]);
  vi.advanceTimersByTime(600);
  setToasts((list) => [...list, toast({ id: 2, message: "Second", duration: 1000 })]);
  vi.advanceTimersByTime(400);
  expect(within(region).queryByText("All tests passed")).toBeNull();
  expect(within(region).queryByText("Second")).not.toBeNull();
});
