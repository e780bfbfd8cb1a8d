// One terminal screen: an xterm.js instance attached to one PTY. Output (UTF-8 bytes) goes from the
// attachment straight to xterm (in small pieces, a few ms of parsing a frame: createFeeder), never through Solid state,
// so a flood of output re-renders nothing; what xterm has parsed is acknowledged, which is what
// lets Rust send more (a flood waits at its source, not in the web view). Keys go back through the attachment; the screen fits
// its box and tells the server its size (debounced, only on a change); links open in the browser
// (http/https only); colours follow the app's theme.
import { createEffect, on, onCleanup, onMount } from "solid-js";
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import "@xterm/xterm/css/xterm.css";
import type { PtyAttachment, PtySize } from "../../ipc/pty";
import { copyText } from "../../lib/clipboard";
import { monospaceFamily } from "../../lib/platformFonts";
import { isMacPlatform, matchShortcut } from "../../lib/shortcuts";
import { isWebLink, type PtyEvent } from "./model";
import { createFeeder, createOutputPump, createResizer } from "./output";
import type { TerminalApi } from "./store";
import { DARK_SCHEME_QUERY } from "../../lib/theme";
import { documentTerminalTheme } from "./theme";

export interface TerminalViewProps {
  api: Pick<TerminalApi, "attachPty" | "ptyResize" | "openLink">;
  serverId: string;
  ptyId: string;
  /** The PTY's size on the server, when known: the first fit is sent only if it differs. */
  size: PtySize | null;
  /** Shown now: fit to the box and take the focus. */
  visible: boolean;
  /** Keys reach the PTY (false once it exited or closed: the screen stays, read-only). */
  input: boolean;
  /** What the attachment said besides output (connected, reconnecting, exited, closed). */
  onEvent: (event: PtyEvent) => void;
  /** The shell set the window title. */
  onTitle: (title: string) => void;
  /** The screen measured itself (a new terminal starts at this size). */
  onSize: (size: PtySize) => void;
}


export default function TerminalView(props: TerminalViewProps) {
  let box: HTMLDivElement | undefined;
  // Captured once: a view belongs to one PTY for its whole life (the panel keys it so).
  const { serverId, ptyId } = props;
  const mac = isMacPlatform();

  onMount(() => {
    if (!box) return;
    const screen = box;
    const openLink = (uri: string) => {
      // The backend refuses other schemes too; a failure to open has nowhere useful to go.
      if (isWebLink(uri)) props.api.openLink(uri).catch(() => undefined);
    };
    const term = new Terminal({
      fontFamily: monospaceFamily(),
      fontSize: 13,
      cursorBlink: true,
      // Ten thousand lines: a build log or a test run kept whole (xterm.js stores a line compactly).
      scrollback: 10_000,
      theme: documentTerminalTheme(),
      // OSC 8 hyperlinks (printed by ls --hyperlink, gcc...) follow the same rule as plain URLs.
      linkHandler: { activate: (_event, uri) => { openLink(uri); } },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.loadAddon(new WebLinksAddon((_event, uri) => { openLink(uri); }));
    term.open(screen);

    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== "keydown") return true;
      // The app's toggle goes on to the window (xterm would send it to the shell as NUL).
      if (matchShortcut(event, { mac, inField: true, inComposer: false }) === "toggleTerminal") return false;
      // Linux and Windows terminals copy and paste with Ctrl+Shift+C/V (Ctrl+C is the shell's).
      if (!mac && event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey) {
        const key = event.key.toLowerCase();
        if (key === "c" && term.hasSelection()) {
          void copyText(term.getSelection());
          event.preventDefault();
          return false;
        }
        // Absent outside a secure context; WebKitGTK may also refuse the read (nothing pastes).
        const clipboard = navigator.clipboard as Clipboard | undefined;
        if (key === "v" && clipboard) {
          clipboard.readText().then((text) => { term.paste(text); }, () => undefined);
          event.preventDefault();
          return false;
        }
      }
      return true;
    });

    let attachment: PtyAttachment | undefined;
    /** Output parsed before the attachment was in place, to acknowledge once it is. */
    let owed = 0;
    // Small pieces, a few ms of them a frame, so a flood leaves the page time to take keys and
    // paint (see createFeeder).
    const toScreen = createFeeder((piece, parsed) => {
      // xterm runs its queue's callbacks in order, in one task: the empty write's callback marks
      // when the piece's parsing starts.
      let started = 0;
      term.write("", () => { started = performance.now(); });
      term.write(piece, () => { parsed(performance.now() - started); });
    });
    const pump = createOutputPump((data, done) => {
      toScreen(data, () => {
        done();
        // Acknowledged after the next frame: Rust sends more only once the page has had a
        // chance to paint and take keys, so a flood cannot keep the page busy end to end.
        requestAnimationFrame(() => {
          if (attachment) attachment.ack(data.length);
          else owed += data.length;
        });
      });
    });
    let disposed = false;
    /** Keys typed before the attachment was in place. */
    let early = "";

    term.onData((data) => {
      if (!props.input) return;
      if (attachment) attachment.write(data).catch(() => undefined);
      else early += data;
    });
    term.onTitleChange((title) => { props.onTitle(title); });

    props.api
      .attachPty(serverId, ptyId, {
        // Both may come before the attachment resolves, so before it could be detached.
        output: (bytes) => {
          if (!disposed) pump.push(bytes);
        },
        events: (events) => {
          if (disposed) return;
          for (const event of events) props.onEvent(event);
        },
      })
      .then(
        (attached) => {
          if (disposed) {
            void attached.detach();
            return;
          }
          attachment = attached;
          attached.ack(owed);
          owed = 0;
          if (early !== "") attached.write(early).catch(() => undefined);
          early = "";
        },
        (error: unknown) => {
          if (disposed) return;
          props.onEvent({ type: "closed", reason: error instanceof Error ? error.message : String(error) });
        },
      );

    const resizer = createResizer((size) => props.api.ptyResize(serverId, ptyId, size), props.size);
    const fitNow = () => {
      // A hidden panel or tab has no size to fit to: it fits when it shows again.
      if (screen.clientWidth === 0 || screen.clientHeight === 0) return;
      fit.fit();
      const size = { rows: term.rows, cols: term.cols };
      props.onSize(size);
      resizer.propose(size);
    };
    const observer = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(fitNow);
    observer?.observe(screen);

    // The theme: a forced one is data-theme on <html>; "system" follows the OS.
    const retheme = () => {
      term.options.theme = documentTerminalTheme();
    };
    const themeWatch = new MutationObserver(retheme);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const scheme = typeof window.matchMedia === "function" ? window.matchMedia(DARK_SCHEME_QUERY) : undefined;
    scheme?.addEventListener("change", retheme);

    createEffect(
      on(
        () => props.visible,
        (visible) => {
          if (!visible) return;
          fitNow();
          term.focus();
        },
      ),
    );
    createEffect(
      on(
        () => props.input,
        (input) => {
          term.options.disableStdin = !input;
          term.options.cursorBlink = input;
        },
        { defer: true },
      ),
    );

    onCleanup(() => {
      disposed = true;
      observer?.disconnect();
      themeWatch.disconnect();
      scheme?.removeEventListener("change", retheme);
      resizer.cancel();
      if (attachment) void attachment.detach();
      term.dispose();
    });
  });

  return <div class="terminal-screen" ref={(element) => (box = element)} />;
}
