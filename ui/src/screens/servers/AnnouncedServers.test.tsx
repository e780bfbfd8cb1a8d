import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AnnouncedServer } from "../../ipc";
import AnnouncedServers from "./AnnouncedServers";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const found: AnnouncedServer = {
  name: "opencode-4096",
  url: "http://192.168.1.7:4096",
  saved: false,
  clear_text_warning: "x",
};

describe("AnnouncedServers", () => {
  it("looks again while open, stops when closed, and hides while the setting is off", async () => {
    vi.useFakeTimers();
    let answers: (AnnouncedServer[] | null)[] = [[], [found], null];
    let looks = 0;
    const { unmount } = render(() => (
      <AnnouncedServers
        every={1000}
        announcedServers={() => {
          looks += 1;
          const [next, ...rest] = answers;
          answers = rest;
          return Promise.resolve(next ?? null);
        }}
        onConnect={() => undefined}
      />
    ));
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByText("No OpenCode server announces itself here.")).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1000);
    expect(screen.getByRole("listitem", { name: "opencode-4096" }).textContent).toContain(
      "http://192.168.1.7:4096",
    );
    // Turned off: the backend answers null, the section goes.
    await vi.advanceTimersByTimeAsync(1000);
    expect(screen.queryByText("On the local network")).toBeNull();
    unmount();
    const before = looks;
    await vi.advanceTimersByTimeAsync(5000);
    expect(looks).toBe(before);
  });

  it("says why the network could not be looked at", async () => {
    render(() => (
      <AnnouncedServers
        announcedServers={() => Promise.reject(new Error("Could not look for OpenCode servers on the local network (mDNS): no socket"))}
        onConnect={() => undefined}
      />
    ));
    expect((await screen.findByRole("alert")).textContent).toContain("no socket");
  });
});
