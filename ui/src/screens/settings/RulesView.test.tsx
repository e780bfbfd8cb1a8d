import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import type { Rule, Rules } from "../../ipc/rules";
import RulesView from "./RulesView";

afterEach(cleanup);

const cargo: Rule = { project: "/work/app", permission: "bash", pattern: "cargo test*" };
const touch: Rule = { project: "/work/other", permission: "bash", pattern: "touch ruled.txt" };

it("lists each rule with its project, type and pattern, and removes one", async () => {
  const removed: Rule[] = [];
  render(() => (
    <RulesView
      listRules={() => Promise.resolve({ rules: [cargo, touch], problem: null })}
      removeRule={(rule) => {
        removed.push(rule);
        return Promise.resolve<Rules>({ rules: [touch], problem: null });
      }}
    />
  ));
  const table = await screen.findByRole("table");
  expect(table.textContent).toContain("/work/app");
  expect(table.textContent).toContain("cargo test*");
  expect(table.textContent).toContain("touch ruled.txt");
  screen.getByRole("button", { name: "Remove the rule bash cargo test* in /work/app" }).click();
  await waitFor(() => {
    expect(screen.queryByText("cargo test*")).toBeNull();
  });
  expect(removed).toEqual([cargo]);
  expect(screen.getByText("touch ruled.txt")).toBeTruthy();
});

it("says when there are none and reports a file that did not read", async () => {
  render(() => (
    <RulesView
      listRules={() => Promise.resolve({ rules: [], problem: "The permission rules file was moved aside." })}
    />
  ));
  expect(await screen.findByText("No rules yet.")).toBeTruthy();
  expect(screen.getByRole("status").textContent).toContain("moved aside");
});

it("shows a failed removal", async () => {
  render(() => (
    <RulesView
      listRules={() => Promise.resolve({ rules: [cargo], problem: null })}
      removeRule={() => Promise.reject(new Error("Could not save the permission rules."))}
    />
  ));
  (await screen.findByRole("button", { name: /Remove the rule/ })).click();
  expect((await screen.findByRole("alert")).textContent).toContain("Could not save");
});
