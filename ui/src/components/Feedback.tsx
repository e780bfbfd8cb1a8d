// What an action in a settings card is doing or did, in one line under it: the error (an alert),
// else what is under way, else what it did (both polite statuses). One at a time, in that order:
// a failure must not hide behind an older "Saved.". Styled once in Feedback.css.
import { Match, Switch } from "solid-js";
import "./Feedback.css";

export interface FeedbackProps {
  /** For aria-describedby on the field or button the line is about. */
  id?: string;
  error?: string | null | undefined;
  working?: string | null | undefined;
  done?: string | null | undefined;
}

export default function Feedback(props: FeedbackProps) {
  return (
    <Switch>
      <Match when={props.error}>
        {(message) => (
          <p id={props.id} class="feedback feedback-error" role="alert">
            {message()}
          </p>
        )}
      </Match>
      <Match when={props.working}>
        {(message) => (
          <p id={props.id} class="feedback feedback-working" role="status">
            {message()}
          </p>
        )}
      </Match>
      <Match when={props.done}>
        {(message) => (
          <p id={props.id} class="feedback feedback-done" role="status">
            {message()}
          </p>
        )}
      </Match>
    </Switch>
  );
}
