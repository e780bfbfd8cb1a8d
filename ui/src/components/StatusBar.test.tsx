import { cleanup, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { ConnectionState } from "../lib/connection";
import StatusBar from "./StatusBar";

afterEach(cleanup);

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
});
