// The shape of what the UI knows about one project on one server: normalized and keyed by id,
// like the server's own data, so each screen reads exactly what it shows and every event is an
// upsert or a removal by id. Message ids and part ids sort in creation order (the server's ids
// are time-ordered), so ordered lists stay sorted with a binary-search insert.
import type {
  Message,
  Part,
  PermissionRequest,
  QuestionRequest,
  Session,
  SessionStatus,
  SnapshotFileDiff,
  Todo,
} from "../ipc";

export interface ProjectState {
  sessions: Record<string, Session>;
  status: Record<string, SessionStatus>;
  /** Message ids per session, oldest first. */
  messages: Record<string, string[]>;
  messageInfo: Record<string, Message>;
  /** Parts per message, in id order. */
  parts: Record<string, Part[]>;
  permissions: Record<string, PermissionRequest[]>;
  questions: Record<string, QuestionRequest[]>;
  todos: Record<string, Todo[]>;
  diffs: Record<string, SnapshotFileDiff[]>;
  /**
   * Counts the server's news that the project's files or branch changed (an edit, the file
   * watcher, a branch switch, a new connection that may have missed some): views of the working
   * tree refetch when it moves. A counter, not the files: the news says only that, not what.
   */
  fileChanges: number;
}

export function emptyProject(): ProjectState {
  return {
    sessions: {},
    status: {},
    messages: {},
    messageInfo: {},
    parts: {},
    permissions: {},
    questions: {},
    todos: {},
    diffs: {},
    fileChanges: 0,
  };
}
