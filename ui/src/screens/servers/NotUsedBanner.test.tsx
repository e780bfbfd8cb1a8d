import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerNotUsed } from "../../ipc";
import NotUsedBanner from "./NotUsedBanner";

afterEach(cleanup);

const ANOTHER_USERS: ServerNotUsed = {
  url: "http://127.0.0.1:4096",
  reason: "runs without a password as another user (uid 1001); not used unless you choose it",
  canUse: true,
};

const OPENCODE_2: ServerNotUsed = {
  url: "http://127.0.0.1:4097",
  reason: "http://127.0.0.1:4097 is an OpenCode 2 server; OpenCode Desk supports OpenCode 1.x.",
  canUse: false,
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(onUse: (url: string) => Promise<unknown> = () => Promise.resolve()) {
  const used: string[] = [];
  render(() => (
    <NotUsedBanner
      servers={[ANOTHER_USERS, OPENCODE_2]}
      onUse={(url) => {
        used.push(url);
        return onUse(url);
      }}
    />
  ));
  return { used };
}

/** The notice of the server at `url`; null when not shown. */
const notice = (url: string) => screen.queryByRole("status", { name: `OpenCode server not used: ${url}` });
/** The notice of the server at `url`, which must be shown. */
const shown = (url: string) => screen.getByRole("status", { name: `OpenCode server not used: ${url}` });

describe("NotUsedBanner", () => {
  it("shows each server found but not used with why; only a usable one can be chosen", () => {
    setup();
    const other = shown(ANOTHER_USERS.url);
    expect(other.textContent).toContain(
      "An OpenCode server at http://127.0.0.1:4096 runs without a password as another user (uid 1001); not used unless you choose it.",
    );
    expect(within(other).getByRole("button", { name: "Use this server" })).toBeTruthy();
    const v2 = shown(OPENCODE_2.url);
    expect(v2.textContent).toContain("is an OpenCode 2 server");
    expect(within(v2).queryByRole("button", { name: "Use this server" })).toBeNull();
    expect(within(v2).getByRole("button", { name: "Dismiss" })).toBeTruthy();
  });

  it("uses a server only after a confirm that says it runs as another user", async () => {
    const { used } = setup();
    fireEvent.click(within(shown(ANOTHER_USERS.url)).getByRole("button", { name: "Use this server" }));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog.textContent).toContain("runs as another user");
    expect(dialog.textContent).toContain("not as you");
    expect(used).toEqual([]);

    fireEvent.click(within(dialog).getByRole("button", { name: "Use this server" }));
    await settle();
    expect(used).toEqual([ANOTHER_USERS.url]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(notice(ANOTHER_USERS.url)).toBeNull();
    expect(notice(OPENCODE_2.url)).not.toBeNull();
  });

  it("cancelling the confirm uses nothing and keeps the server offered", () => {
    const { used } = setup();
    fireEvent.click(within(shown(ANOTHER_USERS.url)).getByRole("button", { name: "Use this server" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel" }));
    expect(used).toEqual([]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(notice(ANOTHER_USERS.url)).not.toBeNull();
  });

  it("a failed connect is said in the confirm, which stays, and the server stays offered", async () => {
    setup(() => Promise.reject(new Error("Could not reach http://127.0.0.1:4096.")));
    fireEvent.click(within(shown(ANOTHER_USERS.url)).getByRole("button", { name: "Use this server" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Use this server" }));
    await settle();
    expect(within(screen.getByRole("alertdialog")).getByRole("alert").textContent).toBe(
      "Could not reach http://127.0.0.1:4096.",
    );
    expect(notice(ANOTHER_USERS.url)).not.toBeNull();
  });

  it("Dismiss hides that server only", () => {
    const { used } = setup();
    fireEvent.click(within(shown(ANOTHER_USERS.url)).getByRole("button", { name: "Dismiss" }));
    expect(notice(ANOTHER_USERS.url)).toBeNull();
    expect(notice(OPENCODE_2.url)).not.toBeNull();
    expect(used).toEqual([]);
  });
});
