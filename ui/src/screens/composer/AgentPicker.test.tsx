import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import type { Agent } from "../../ipc";
import AgentPicker from "./AgentPicker";

afterEach(cleanup);

const agent = (name: string, mode: string, hidden = false): Agent =>
  ({ name, mode, hidden, native: true, description: `The ${name} agent` }) as Agent;

it("offers primary and all-mode agents by name and reports a pick", () => {
  const onChange = vi.fn<(name: string) => void>();
  const agents = [
    agent("build", "primary"),
    agent("general", "subagent"),
    agent("docs", "all"),
    agent("title", "primary", true),
  ];
  render(() => <AgentPicker agents={agents} value="build" onChange={onChange} />);
  const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Agent" });
  const names = within(picker).getAllByRole("option").map((o) => o.textContent);
  expect(names).toEqual(["Build", "Docs"]);
  expect(picker.value).toBe("build");
  expect(picker.title).toBe("The build agent");
  fireEvent.change(picker, { target: { value: "docs" } });
  expect(onChange).toHaveBeenCalledWith("docs");
});

it("hands its select to whoever asks, to focus it from outside", () => {
  let select: HTMLSelectElement | undefined;
  const agents = [agent("build", "primary")];
  render(() => <AgentPicker agents={agents} value="build" onChange={vi.fn()} ref={(e) => (select = e)} />);
  expect(select).toBe(screen.getByRole("combobox", { name: "Agent" }));
});

it("is disabled when the server lists no agent to pick", () => {
  const agents = [agent("general", "subagent")];
  render(() => <AgentPicker agents={agents} value={undefined} onChange={vi.fn()} />);
  const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Agent" });
  expect(picker.disabled).toBe(true);
  expect(picker.textContent).toBe("Default agent");
});
