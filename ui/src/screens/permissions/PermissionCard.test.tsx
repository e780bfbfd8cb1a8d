import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import { allowAlwaysHere } from "../../ipc/rules";
import type { PermissionReply, PermissionRequest } from "../../ipc";
import PermissionCard from "./PermissionCard";

vi.mock("../../ipc/rules", () => ({
  allowAlwaysHere: vi.fn(() => Promise.resolve({ rules: [], problem: null })),
}));

afterEach(() => {
  cleanup();
  vi.mocked(allowAlwaysHere).mockClear();
});

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

it("keeps a rule for the pattern here and answers through Rust, not OpenCode's Always", async () => {
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
  screen.getByRole("button", { name: "Always allow rm -rf build here" }).click();
  await waitFor(() => {
    expect(vi.mocked(allowAlwaysHere).mock.calls).toEqual([["per_1"]]);
  });
  expect(replies).toEqual([]);
});

it("offers no rule for a request that names nothing", () => {
  render(() => (
    <PermissionCard request={{ ...request, patterns: [] }} onReply={() => Promise.resolve()} />
  ));
  expect(screen.queryByRole("button", { name: /here$/ })).toBeNull();
});
