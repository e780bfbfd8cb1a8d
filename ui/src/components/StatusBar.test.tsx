import { cleanup, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConnectionState } from "../lib/connection";
import StatusBar from "./StatusBar";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("StatusBar", () => {
  it.each<[ConnectionState, string, string]>([
    ["connecting", "Connecting…", "busy"],
    ["live", "Live", "ok"],
    ["reconnecting", "Reconnecting…", "busy"],
    ["resyncing", "Catching up…", "busy"],
    ["offline", "Offline", "bad"],
  ])("shows %s as a polite status named %j", (state, text, tone) => {
    render(() => <StatusBar state={state} />);
    const status = screen.getByRole("status", { name: `Connection: ${text}` });
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.textContent).toBe(`Connection: ${text}`);
    expect(status.classList.contains(`tone-${tone}`)).toBe(true);
    expect(status.dataset["state"]).toBe(state);
  });

  it("follows the state as it changes", () => {
    const [state, setState] = createSignal<ConnectionState>("connecting");
    render(() => <StatusBar state={state()} />);
    setState("live");
    expect(screen.getByRole("status").textContent).toBe("Connection: Live");
    setState("offline");
    expect(screen.getByRole("status", { name: "Connection: Offline" }).classList).toContain("tone-bad");
  });

  it("shows the server version only when it is known", () => {
    const { unmount } = render(() => <StatusBar state="live" />);
    expect(screen.queryByText(/OpenCode/)).toBeNull();
    unmount();
    render(() => <StatusBar state="live" serverVersion="1.18.33" />);
    expect(screen.getByText("OpenCode 1.18.33")).toBeTruthy();
  });

  it("says Resynced for a moment once a resync completes", () => {
    vi.useFakeTimers();
    const [state, setState] = createSignal<ConnectionState>("reconnecting");
    render(() => <StatusBar state={state()} resyncedMs={2000} />);
    const status = screen.getByRole("status");
    expect(status.dataset["state"]).toBe("reconnecting");
    setState("resyncing");
    setState("live");
    expect(status.textContent).toBe("Connection: Resynced");
    expect(status.getAttribute("aria-label")).toBe("Connection: Resynced");
    expect(status.dataset["state"]).toBe("resynced");
    expect(status.classList.contains("tone-ok")).toBe(true);
    vi.advanceTimersByTime(1999);
    expect(status.textContent).toBe("Connection: Resynced");
    vi.advanceTimersByTime(1);
    expect(status.textContent).toBe("Connection: Live");
    expect(status.dataset["state"]).toBe("live");
  });

  it("drops Resynced at once when the link is lost again, and never shows it otherwise", () => {
    vi.useFakeTimers();
    const [state, setState] = createSignal<ConnectionState>("resyncing");
    render(() => <StatusBar state={state()} />);
    const status = screen.getByRole("status");
    setState("live");
    expect(status.textContent).toBe("Connection: Resynced");
    setState("offline");
    expect(status.textContent).toBe("Connection: Offline");
    // A stale timer must not clear a later notice early, nor fire into another state.
    vi.advanceTimersByTime(10_000);
    expect(status.textContent).toBe("Connection: Offline");
    setState("connecting");
    setState("live");
    expect(status.textContent).toBe("Connection: Live");
  });

  it("shows the open session's tokens and cost, with the breakdown on hover", () => {
    render(() => (
      <StatusBar
        state="live"
        tokens={{ input: 12_000, output: 800, reasoning: 200, cache: { read: 3000, write: 0 } }}
        cost={0.4217}
      />
    ));
    const usage = screen.getByText(/tokens/);
    expect(usage.textContent).toBe("Session usage: 16k tokens · $0.42");
    expect(usage.title).toBe(
      "Input 12k, output 800, reasoning 200, cache read 3k, cache write 0",
    );
  });

  it("shows no usage without an open session", () => {
    render(() => <StatusBar state="live" />);
    expect(screen.queryByText(/tokens|\$/)).toBeNull();
  });

  it("shows the cost alone when only the cost is known", () => {
    render(() => <StatusBar state="live" cost={0} />);
    expect(screen.getByText(/\$/).textContent).toBe("Session usage: $0.00");
  });
});
