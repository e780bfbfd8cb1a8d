import { cleanup, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import type { Todo } from "../../ipc";
import TodoList from "./TodoList";

afterEach(cleanup);

const todo = (content: string, status: string, priority = "medium"): Todo => ({ content, status, priority });

it("shows each todo with its status as a word, and how many are done", () => {
  render(() => (
    <TodoList
      todos={[
        todo("Read the parser", "completed"),
        todo("Fix CRLF handling", "in_progress", "high"),
        todo("Write tests", "pending"),
        todo("Rewrite in Rust", "cancelled"),
      ]}
    />
  ));
  const list = screen.getByRole("region", { name: "Todos" });
  const items = within(list).getAllByRole("listitem");
  expect(items.map((item) => item.textContent)).toEqual([
    "✓Done: Read the parser",
    "◐In progress: Fix CRLF handlinghigh",
    "To do: Write tests",
    "✕Cancelled: Rewrite in Rust",
  ]);
  expect(items.map((item) => item.dataset.status)).toEqual(["completed", "in_progress", "pending", "cancelled"]);
  // Cancelled work is not counted as left to do.
  expect(within(list).getByText("1 of 3 done")).toBeTruthy();
});

it("keeps a status it does not know, as its own word", () => {
  render(() => <TodoList todos={[todo("Wait for review", "blocked")]} />);
  expect(screen.getByRole("listitem").textContent).toBe("?blocked: Wait for review");
});

it("says when there are no todos", () => {
  render(() => <TodoList todos={[]} title="Plan" />);
  expect(within(screen.getByRole("region", { name: "Plan" })).getByText("No todos yet.")).toBeTruthy();
  expect(screen.queryByRole("list")).toBeNull();
});
