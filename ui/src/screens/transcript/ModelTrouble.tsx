// Under a failed reply whose model cannot be used, what to do about it: the provider refused the
// credentials (APIError 401/403, ProviderAuthError) or does not have the model (404, model not
// found). Other failures (a network cut, a stopped reply) need no other model, so say nothing.
import { Show, useContext } from "solid-js";
import type { Message } from "../../ipc";
import { ModelHelp } from "./context";

export type Trouble = "credentials" | "model";

/** Whether `message` failed because of its model or the provider's credentials. */
export function troubleOf(message: Message | undefined): Trouble | undefined {
  if (message?.role !== "assistant" || !message.error) return undefined;
  const { name } = message.error;
  if (name === "ProviderAuthError") return "credentials";
  if (/ModelNotFound/.test(name)) return "model";
  if (name !== "APIError") return undefined;
  const data = message.error.data as { statusCode?: unknown } | null;
  const status = typeof data?.statusCode === "number" ? data.statusCode : undefined;
  if (status === 401 || status === 403) return "credentials";
  if (status === 404) return "model";
  return undefined;
}

export default function ModelTrouble(props: { message: Message | undefined }) {
  const help = useContext(ModelHelp);
  return (
    <Show when={help && troubleOf(props.message)}>
      {(trouble) => (
        <div class="tx-model-trouble" role="group" aria-label="Fix the model">
          <p>
            {trouble() === "credentials"
              ? "The provider did not accept the credentials for this model."
              : "The provider does not offer this model."}{" "}
            Choose another model, or connect the provider again with a working key.
          </p>
          <button type="button" onClick={() => help?.chooseModel()}>
            Choose another model
          </button>
          <button type="button" onClick={() => help?.connectProvider()}>
            Connect a provider
          </button>
        </div>
      )}
    </Show>
  );
}
