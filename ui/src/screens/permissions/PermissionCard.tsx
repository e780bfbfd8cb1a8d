// A pending permission request, in the session: what tool wants to do what, and the answers:
// OpenCode's three, and "Always allow <pattern> here", a rule the app keeps for the project (it
// outlasts the server's session, unlike OpenCode's "Always"; src-tauri/src/rules.rs).
// The buttons lock while the answer is on its way; a failure is shown on the card.
import { Show } from "solid-js";
import type { PermissionReply, PermissionRequest } from "../../ipc";
import { allowAlwaysHere } from "../../ipc/rules";
import { createAction } from "../../lib/action";

export interface PermissionCardProps {
  request: PermissionRequest;
  onReply: (reply: PermissionReply) => Promise<void>;
}

export default function PermissionCard(props: PermissionCardProps) {
  const { busy, error, run } = createAction();
  const answer = (reply: PermissionReply) => run(() => props.onReply(reply));
  // Rust keeps the rule and answers this request once; the rule answers the next ones.
  const allowHere = () =>
    run(async () => {
      await allowAlwaysHere(props.request.id);
    });
  return (
    <section class="permission-card" aria-label={`Permission request: ${props.request.permission}`}>
      <p>
        OpenCode asks to use <strong>{props.request.permission}</strong>
        <Show when={props.request.patterns.length > 0}>
          {" "}
          on <code>{props.request.patterns.join(", ")}</code>
        </Show>
      </p>
      <div class="permission-actions">
        <button class="btn" type="button" disabled={busy()} onClick={() => void answer("once")}>
          Allow once
        </button>
        <button class="btn" type="button" disabled={busy()} onClick={() => void answer("always")}>
          Always allow
        </button>
        <button class="btn" type="button" disabled={busy()} onClick={() => void answer("reject")}>
          Reject
        </button>
        <Show when={props.request.patterns.length > 0}>
          <button
            class="btn"
            type="button"
            disabled={busy()}
            title="A rule the app keeps for this project: matching requests are allowed without asking, until you remove it in Settings"
            onClick={() => void allowHere()}
          >
            Always allow <code>{props.request.patterns.join(", ")}</code> here
          </button>
        </Show>
      </div>
      <Show when={error()}>
        {(message) => (
          <p class="permission-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </section>
  );
}
