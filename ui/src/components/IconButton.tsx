// The icon button primitive: the icon shows, the name is the accessible name (aria-label) and,
// unless a longer hint is given, the tooltip too, so a pointer user reads what a screen reader
// hears. Styles in primitives.css (.icon-btn).
import type { JSX } from "solid-js";

export interface IconButtonProps {
  /** The accessible name: what the button was called when it was text. */
  label: string;
  /** The tooltip, when it should say more than the label. */
  title?: string | undefined;
  /** A toggle's state (aria-pressed); absent for a plain action. */
  pressed?: boolean | undefined;
  type?: "button" | "submit";
  class?: string;
  disabled?: boolean;
  onClick?: () => void;
  /** The icon (aria-hidden: the label names the button). */
  children: JSX.Element;
}

export default function IconButton(props: IconButtonProps) {
  return (
    <button
      type={props.type ?? "button"}
      class={props.class ? `icon-btn ${props.class}` : "icon-btn"}
      aria-label={props.label}
      title={props.title ?? props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={() => props.onClick?.()}
    >
      {props.children}
    </button>
  );
}
