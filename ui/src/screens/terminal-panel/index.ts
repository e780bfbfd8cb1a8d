// The terminal panel (issue 19), for App.tsx to mount below the conversation.
export { default as TerminalPanel, type TerminalPanelProps } from "./TerminalPanel";
export type { TerminalApi } from "./store";
