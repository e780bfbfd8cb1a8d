// A pending permission request, in the session: what tool wants to do what, and the three
// answers. The buttons lock while the answer is on its way; a failure is shown on the card.
import { Show } from "solid-js";
import type { PermissionReply, PermissionRequest } from "../../ipc";
import { createAction } from "../../lib/action";

export interface PermissionCardProps {
  request: PermissionRequest;
  onReply: (reply: PermissionReply) => Promise<void>;
}

export default function PermissionCard(props: PermissionCardProps) {
  const { busy, error, run } = createAction();
  const answer = (reply: PermissionReply) => run(() => props.onReply(reply));
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
