// The agent's todo list for a session, as a read-only checklist: a mark and a status word per
// item (the word for screen readers, the mark for the eye), in-progress items stressed, cancelled
// ones struck through, with how many are done.
import { createMemo, For, Show } from "solid-js";
import type { Todo } from "../../ipc";
import "./TodoList.css";

const STATUS: Record<string, { mark: string; word: string }> = {
  completed: { mark: "✓", word: "Done" },
  in_progress: { mark: "◐", word: "In progress" },
  cancelled: { mark: "✕", word: "Cancelled" },
  pending: { mark: "", word: "To do" },
};

export interface TodoListProps {
  todos: readonly Todo[];
  /** The heading; "Todos" when not given. */
  title?: string;
}

export default function TodoList(props: TodoListProps) {
  const done = createMemo(() => props.todos.filter((todo) => todo.status === "completed").length);
  // Cancelled items are not work left to do.
  const counted = createMemo(() => props.todos.filter((todo) => todo.status !== "cancelled").length);
  return (
    <section class="todo-list" aria-label={props.title ?? "Todos"}>
      <header class="todo-list-head">
        <span class="todo-list-title">{props.title ?? "Todos"}</span>
        <Show when={props.todos.length > 0}>
          <span class="todo-list-count">
            {done()} of {counted()} done
          </span>
        </Show>
      </header>
      <Show when={props.todos.length > 0} fallback={<p class="todo-list-empty">No todos yet.</p>}>
        <ul class="todo-items">
          <For each={props.todos}>
            {(todo) => {
              const status = () => STATUS[todo.status] ?? { mark: "?", word: todo.status };
              return (
                <li class="todo-item" data-status={todo.status}>
                  <span class="todo-mark" aria-hidden="true">
                    {status().mark}
                  </span>
                  <span class="visually-hidden">{status().word}: </span>
                  <span class="todo-content">{todo.content}</span>
                  <Show when={todo.priority === "high"}>
                    <span class="todo-priority">high</span>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
