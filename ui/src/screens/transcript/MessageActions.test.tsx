import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import MessageActions from "./MessageActions";

afterEach(cleanup);

const button = (name: string) => screen.getByRole<HTMLButtonElement>("button", { name });

it("reverts to before the message and forks from it, by id", async () => {
  const calls: string[] = [];
  render(() => (
    <MessageActions
      messageId="msg_7"
      onRevert={(id) => {
        calls.push(`revert ${id}`);
        return Promise.resolve();
      }}
      onFork={(id) => {
        calls.push(`fork ${id}`);
        return Promise.resolve();
      }}
    />
  ));
  expect(screen.getByRole("group", { name: "Message actions" })).toBeTruthy();
  // Small button primitives (primitives.css), as every button of the app.
  expect(button("Revert to before this message").className).toContain("btn btn-small");
  button("Revert to before this message").click();
  await Promise.resolve();
  await Promise.resolve();
  button("Fork from here").click();
  await Promise.resolve();
  expect(calls).toEqual(["revert msg_7", "fork msg_7"]);
  // Both free again once done (the fork opened elsewhere; this message is still here).
  expect(button("Fork from here").disabled).toBe(false);
});

it("locks both buttons while one runs, then says why it failed", async () => {
  let fail: (e: Error) => void = () => undefined;
  render(() => (
    <MessageActions
      messageId="msg_7"
      onRevert={() => new Promise((_resolve, reject) => (fail = reject))}
      onFork={() => Promise.resolve()}
    />
  ));
  button("Revert to before this message").click();
  expect(button("Revert to before this message").getAttribute("aria-busy")).toBe("true");
  expect(button("Fork from here").disabled).toBe(true);
  fail(new Error("The session is busy"));
  expect((await screen.findByRole("alert")).textContent).toBe(
    "Could not revert: The session is busy",
  );
  expect(button("Revert to before this message").disabled).toBe(false);
});

it("is unavailable with a reason while a reply runs", () => {
  render(() => (
    <MessageActions
      messageId="msg_7"
      onRevert={() => Promise.resolve()}
      onFork={() => Promise.resolve()}
      disabledReason="Wait for the reply to finish"
    />
  ));
  expect(button("Revert to before this message").disabled).toBe(true);
  expect(button("Fork from here").title).toBe("Wait for the reply to finish");
});
