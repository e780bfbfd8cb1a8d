// Rendered, sanitized markdown. Links never navigate the app's own window away.
import { createMemo } from "solid-js";
import { renderMarkdown } from "../lib/markdown";

export default function Markdown(props: { text: string }) {
  const html = createMemo(() => renderMarkdown(props.text));
  return (
    <div
      class="markdown"
      // Sanitized in renderMarkdown: the only HTML from the model that reaches the DOM.
      innerHTML={html()}
      onClick={(event) => {
        if (event.target instanceof Element && event.target.closest("a")) event.preventDefault();
      }}
    />
  );
}
