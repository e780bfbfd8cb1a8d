import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import EmptyState, {
  isOpenCodeMissing,
  NoOpenCodeState,
  NoProjectState,
  NoSessionsState,
  ServerDownState,
  ServerProblemState,
  splitServerOutput,
} from "./EmptyState";

afterEach(cleanup);

const MISSING =
  "OpenCode is not installed (or not found). Install it with `npm i -g opencode-ai` (or `curl -fsSL https://opencode.ai/install | bash`), or set its path in the settings or in OPENCODE_BIN. Searched: /usr/bin/opencode, ~/.opencode/bin/opencode";
const CRASHED = "OpenCode exited before it was ready (exit status: 1)\n--- last output ---\nError: bad config\n";

/** A promise the test settles when it wants. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("EmptyState", () => {
  it("is a region named by its title, with the hint", () => {
    render(() => <EmptyState title="Nothing here" hint="Do something." />);
    const region = screen.getByRole("region", { name: "Nothing here" });
    expect(region.textContent).toContain("Do something.");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("runs its action, busy until it settles, and shows a failure", async () => {
    const pending = deferred();
    let runs = 0;
    render(() => (
      <EmptyState
        title="Down"
        hint="It stopped."
        action={{
          label: "Retry",
          run: () => {
            runs += 1;
            return pending.promise;
          },
        }}
      />
    ));
    const button = screen.getByRole<HTMLButtonElement>("button", { name: "Retry" });
    fireEvent.click(button);
    expect(runs).toBe(1);
    expect(button.disabled).toBe(true);
    pending.reject(new Error("Still down"));
    expect((await screen.findByRole("alert")).textContent).toBe("Still down");
    expect(button.disabled).toBe(false);
  });

  it("frees the button again after a successful action", async () => {
    render(() => <EmptyState title="T" hint="H" action={{ label: "Go", run: () => Promise.resolve() }} />);
    const button = screen.getByRole<HTMLButtonElement>("button", { name: "Go" });
    fireEvent.click(button);
    await Promise.resolve();
    await Promise.resolve();
    expect(button.disabled).toBe(false);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("the app's states", () => {
  it("tells how to install OpenCode and offers the settings", () => {
    let opened = 0;
    render(() => <NoOpenCodeState detail={MISSING} onOpenSettings={() => (opened += 1)} />);
    const region = screen.getByRole("region", { name: "OpenCode is not installed" });
    const commands = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(commands).toEqual(["npm i -g opencode-ai", "curl -fsSL https://opencode.ai/install | bash"]);
    expect(region.textContent).toContain("Set the binary path in Settings");
    expect(region.querySelector("details pre")?.textContent).toBe(MISSING);
    screen.getByRole("button", { name: "Open Settings" }).click();
    expect(opened).toBe(1);
  });

  it("says what happened to the server, with its output folded away, and retries", () => {
    let retries = 0;
    render(() => <ServerDownState message={CRASHED} onRetry={() => void (retries += 1)} />);
    const region = screen.getByRole("region", { name: "The OpenCode server is not running" });
    expect(region.querySelector("p")?.textContent).toBe(
      "OpenCode exited before it was ready (exit status: 1)",
    );
    expect(region.querySelector("details pre")?.textContent).toBe("Error: bad config");
    screen.getByRole("button", { name: "Retry" }).click();
    expect(retries).toBe(1);
  });

  it("picks the install help or the server failure from the problem", () => {
    const { unmount } = render(() => <ServerProblemState problem={MISSING} onRetry={() => undefined} />);
    expect(screen.getByRole("region", { name: "OpenCode is not installed" })).toBeTruthy();
    // Without a settings callback there is no dead button.
    expect(screen.queryByRole("button")).toBeNull();
    unmount();
    render(() => <ServerProblemState problem="The OpenCode server has stopped." onRetry={() => undefined} />);
    expect(screen.getByRole("region", { name: "The OpenCode server is not running" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Retry" })).toBeTruthy();
  });

  it("invites the first prompt when there are no sessions", () => {
    render(() => <NoSessionsState />);
    expect(screen.getByRole("region", { name: "No sessions yet" }).textContent).toContain(
      "Type a message in the box below to start one",
    );
  });

  it("opens a folder when there is no project", () => {
    let asked = 0;
    render(() => <NoProjectState onOpenFolder={() => void (asked += 1)} />);
    screen.getByRole("button", { name: "Open folder…" }).click();
    expect(asked).toBe(1);
  });
});

describe("problem helpers", () => {
  it("recognizes the missing-binary sentence only", () => {
    expect(isOpenCodeMissing(MISSING)).toBe(true);
    expect(isOpenCodeMissing(CRASHED)).toBe(false);
  });

  it("splits the server's output from the sentence", () => {
    expect(splitServerOutput(CRASHED)).toEqual({
      summary: "OpenCode exited before it was ready (exit status: 1)",
      output: "Error: bad config",
    });
    expect(splitServerOutput("Stopped.")).toEqual({ summary: "Stopped." });
    expect(splitServerOutput("Gone\n--- last output ---\n  ")).toEqual({ summary: "Gone" });
  });
});
