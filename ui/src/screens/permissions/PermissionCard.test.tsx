import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import type { PermissionReply, PermissionRequest } from "../../ipc";
import PermissionCard from "./PermissionCard";

afterEach(cleanup);

const request = {
  id: "per_1",
  sessionID: "ses_1",
  permission: "bash",
  patterns: ["rm -rf build"],
  metadata: {},
  always: ["rm *"],
} as PermissionRequest;

it("says what the tool wants and sends the chosen answer", async () => {
  const replies: PermissionReply[] = [];
  render(() => (
    <PermissionCard
      request={request}
      onReply={(reply) => {
        replies.push(reply);
        return Promise.resolve();
      }}
    />
  ));
  const card = screen.getByRole("region", { name: "Permission request: bash" });
  expect(card.textContent).toContain("rm -rf build");
  screen.getByRole("button", { name: "Allow once" }).click();
  await Promise.resolve();
  expect(replies).toEqual(["once"]);
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Reject" }).disabled).toBe(true);
});

it("shows a failed answer and lets the user try again", async () => {
  render(() => (
    <PermissionCard request={request} onReply={() => Promise.reject(new Error("Server gone"))} />
  ));
  screen.getByRole("button", { name: "Reject" }).click();
  expect((await screen.findByRole("alert")).textContent).toBe("Server gone");
  expect(screen.getByRole<HTMLButtonElement>("button", { name: "Reject" }).disabled).toBe(false);
});
