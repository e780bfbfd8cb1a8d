import { cleanup, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, expect, it } from "vitest";
import RevertBanner, { revertSummary } from "./RevertBanner";
import type { RevertPoint } from "./revert";

afterEach(cleanup);

const ids = ["msg_1", "msg_2", "msg_3"];

it("shows nothing while the session is not reverted", () => {
  render(() => (
    <RevertBanner revert={undefined} messageIds={ids} onUnrevert={() => Promise.resolve()} />
  ));
  expect(screen.queryByRole("region", { name: "Session reverted" })).toBeNull();
});

it("counts the reverted messages and undoes the revert", async () => {
  const [revert, setRevert] = createSignal<RevertPoint | undefined>({ messageID: "msg_2" });
  let asked = 0;
  render(() => (
    <RevertBanner
      revert={revert()}
      messageIds={ids}
      onUnrevert={() => {
        asked += 1;
        setRevert(undefined);
        return Promise.resolve();
      }}
    />
  ));
  const banner = screen.getByRole("region", { name: "Session reverted" });
  expect(banner.textContent).toContain("2 messages reverted");
  expect(screen.getByRole("button", { name: "Undo revert" }).classList.contains("btn")).toBe(true);
  screen.getByRole("button", { name: "Undo revert" }).click();
  await Promise.resolve();
  expect(asked).toBe(1);
  expect(screen.queryByRole("region", { name: "Session reverted" })).toBeNull();
});

it("is busy while undoing, and shows a failure with the button usable again", async () => {
  let fail: (e: Error) => void = () => undefined;
  render(() => (
    <RevertBanner
      revert={{ messageID: "msg_3" }}
      messageIds={ids}
      onUnrevert={() => new Promise((_resolve, reject) => (fail = reject))}
    />
  ));
  screen.getByRole("button", { name: "Undo revert" }).click();
  const busy = screen.getByRole<HTMLButtonElement>("button", { name: "Undoing…" });
  expect(busy.disabled).toBe(true);
  fail(new Error("Session is busy"));
  expect((await screen.findByRole("alert")).textContent).toBe(
    "Could not undo the revert: Session is busy",
  );
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Undo revert" }).disabled).toBe(false);
});

it("words the count", () => {
  expect(revertSummary(1)).toBe("1 message reverted");
  expect(revertSummary(4)).toBe("4 messages reverted");
  expect(revertSummary(0)).toBe("Reverted");
});
