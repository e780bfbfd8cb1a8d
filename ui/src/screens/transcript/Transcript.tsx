// The open session's messages, oldest first, virtualized: only the messages on screen (and a
// screen's worth either side) are in the DOM, so a session of thousands of messages opens and
// scrolls like a short one. Heights are measured as messages render and kept by message id
// (lib/listLayout.ts); the space of the others is two paddings. Opens at the bottom, follows the
// bottom while a reply streams unless the user scrolled up (lib/pinning.ts), and asks for the page
// before near the top, holding the message in view still while that page is inserted above it.
//
// Laid out as a reading column (Transcript.css): the user's prompts as compact bubbles on the
// right, replies as plain text (a row is MessageView.tsx; a reply's one cost line, at its end, is
// replyCost.ts). A visually hidden live region says when a reply starts and ends (`replyNews`),
// never the streamed text itself, which would be read token by token.
//
// A message can be asked for (`reveal`: a search's hit): older pages load until it is in the list,
// the view puts it near the top, stops following the bottom, and marks and focuses it briefly.
//
// Past 500 lines and still one job: the virtualized view and every move made to it (following
// the bottom, paging back, a program's page keys, bringing a message into view) share one layout
// and one `settle`; split apart, each would need the other's private state.
//
// Every change of what is rendered goes through `settle`, which runs outside Solid's update cycle
// (in a microtask, a scroll event or a ResizeObserver callback), so the DOM it changes is there
// to measure at once and the view is corrected before the browser paints.
import {
  batch,
  createEffect,
  createMemo,
  createSignal,
  For,
  type JSX,
  on,
  onCleanup,
  onMount,
  Show,
} from "solid-js";
import { unwrap } from "solid-js/store";
import type { Message, Part } from "../../ipc";
import { ListLayout, type Anchor } from "../../lib/listLayout";
import { isScrollUpKey, Pinning, wantsOlder, type ScrollMetrics } from "../../lib/pinning";
import { cancelWarmUp } from "../../lib/warmup";
import MessageView from "./MessageView";
import { replyCostAt } from "./replyCost";
import { replyNews, turnOf } from "./turn";
import "./Transcript.css";

/** Pixels rendered above and below the view, so a scroll shows messages already laid out. */
const OVERSCAN = 800;
/** The view's height before the scroller has been laid out. */
const FALLBACK_VIEWPORT = 800;
/** Passes of render-then-measure in one settle; the layout converges in two or three. */
const MAX_PASSES = 6;
/** Time in one frame for rendering messages beyond those in view; the rest waits a frame. */
const MOUNT_BUDGET_MS = 6;
/** What a page move keeps of the screen it leaves, so the reader does not lose their line. */
const PAGE_KEEPS = 0.1;
/** How long a message brought into view stays marked. */
export const MARK_MS = 2500;
/** Space left above a message brought into view, so it does not sit against the edge. */
const REVEAL_MARGIN = 24;

/** Where a program can ask the view to go (the TUI's page keys). */
export type TranscriptScroll = "page-up" | "page-down" | "first" | "last";

/** What the shell can do to the transcript from outside (a program drives it). */
export interface TranscriptControls {
  /** "first" is the first message loaded; the page before it loads as when the user gets there. */
  scroll: (where: TranscriptScroll) => void;
}

export interface TranscriptProps {
  ids: readonly string[];
  info: Record<string, Message>;
  parts: Record<string, Part[]>;
  /** Older messages exist above the first one shown. */
  hasOlder: boolean;
  /** Loads the page before the first message shown. */
  onReachTop: () => Promise<void>;
  /** Controls shown with each message the user wrote (revert to before it, fork from it). */
  userActions?: (messageId: string) => JSX.Element;
  /** The view follows the bottom again after the reader had scrolled up. */
  onBottom?: () => void;
  /** Receives the functions that move the view from outside. */
  controls?: (controls: TranscriptControls) => void;
  /** A message to bring into view and mark (a search's hit); a new object asks again. */
  reveal?: { messageId: string } | undefined;
  /** Said once per `reveal`: shown, or not found (not in the session, or a page failed). */
  onRevealed?: (found: boolean) => void;
}

export default function Transcript(props: TranscriptProps) {
  // A session opens: the rest of the warm-up (./warmup.tsx) would only delay it now.
  cancelWarmUp();
  const layout = new ListLayout();
  const pinning = new Pinning();
  const elements = new Map<string, HTMLElement>();
  const [pinned, setPinned] = createSignal(true);
  createEffect(
    on(pinned, (now, before) => {
      if (now && before === false) props.onBottom?.();
    }),
  );
  // The first render already shows the last messages, before anything is measured.
  layout.setIds(unwrap(props.ids));
  const [firstStart, firstEnd] = layout.range(
    Math.max(0, layout.total() - FALLBACK_VIEWPORT),
    FALLBACK_VIEWPORT,
    OVERSCAN,
  );
  const [visible, setVisible] = createSignal<readonly string[]>(
    props.ids.slice(firstStart, firstEnd),
  );
  const [padTop, setPadTop] = createSignal(layout.offsetOf(firstStart));
  const [padBottom, setPadBottom] = createSignal(0);
  const [loadingOlder, setLoadingOlder] = createSignal(false);
  const [olderError, setOlderError] = createSignal<string>();
  const [news, setNews] = createSignal<{ text: string }>();
  /** The message marked after a reveal, and the last one revealed (it keeps the focus). */
  const [marked, setMarked] = createSignal<string>();
  const [revealed, setRevealed] = createSignal<string>();
  const turn = createMemo(
    () => turnOf(props.info[props.ids[props.ids.length - 1] ?? ""]),
    undefined,
    { equals: (a, b) => a?.session === b?.session && a?.state === b?.state && a?.error === b?.error },
  );
  createEffect(
    on(turn, (now, before) => {
      const text = replyNews(before, now);
      // A new object each time: the same words said twice are a new node, so said again.
      if (text) setNews({ text });
    }),
  );
  /** What says the list changed: a message added or dropped at either end, or another list. */
  const idsChange = () => {
    const ids = props.ids;
    return [ids, ids.length, ids[0], ids[ids.length - 1]];
  };
  // Each message's place in the list, so a row finds its neighbours (does its reply end here?)
  // without a walk of the list; built once per change of the list, as the layout is.
  const indexes = createMemo(
    on(idsChange, () => new Map(unwrap(props.ids).map((id, index) => [id, index]))),
  );
  let scroller: HTMLElement | undefined;
  let list: HTMLElement | undefined;
  /** The list's top inside the scroller (below the "earlier messages" line), as last laid out. */
  let base = 0;
  let idsChanged = true;
  let settling = false;
  let queued = false;

  const metrics = (): ScrollMetrics => ({
    offset: scroller?.scrollTop ?? 0,
    size: scroller?.scrollHeight ?? 0,
    viewport: scroller?.clientHeight ?? 0,
  });

  const moveTo = (offset: number) => {
    if (!scroller) return;
    pinning.movingTo(offset);
    scroller.scrollTop = offset;
  };

  /** Reads the height of every rendered message (one layout for all). */
  const measureRendered = () => {
    if (!scroller?.clientHeight) return;
    for (const id of visible()) {
      const element = elements.get(id);
      if (element?.isConnected) layout.measure(id, element.getBoundingClientRect().height);
    }
  };

  /** Renders items [start, end) of the layout; false when that is what is rendered already. */
  const show = (start: number, end: number) => {
    const shown = visible();
    const count = Math.max(0, end - start);
    if (
      count === shown.length &&
      layout.idAt(start) === shown[0] &&
      layout.idAt(end - 1) === shown[count - 1]
    ) {
      return false;
    }
    const ids = Array.from({ length: count }, (_, i) => layout.idAt(start + i) ?? "");
    batch(() => {
      setVisible(ids);
      setPadTop(layout.offsetOf(start));
      setPadBottom(layout.total() - layout.offsetOf(end));
    });
    return true;
  };

  /** The layout indexes of what is rendered, [start, end); [0, 0] for nothing. */
  const rendered = (): [number, number] => {
    const shown = visible();
    const first = shown[0] === undefined ? -1 : layout.indexOf(shown[0]);
    return first < 0 ? [0, 0] : [first, first + shown.length];
  };

  const settle = () => {
    if (!scroller || settling) return;
    settling = true;
    const deadline = performance.now() + MOUNT_BUDGET_MS;
    let unfinished = false;
    try {
      // What the user saw at the last paint, in the layout as it was then.
      const anchor: Anchor | undefined = pinning.pinned
        ? undefined
        : layout.anchorAt(scroller.scrollTop - base);
      if (idsChanged) {
        idsChanged = false;
        layout.setIds(unwrap(props.ids));
        if (anchor && layout.indexOf(anchor.id) < 0) {
          // Another list altogether (another session, a resync): start again at its bottom.
          pinning.reset();
        }
      }
      measureRendered();
      base = list?.offsetTop ?? 0;
      const viewport = scroller.clientHeight || FALLBACK_VIEWPORT;
      const top = () =>
        pinning.pinned || !anchor
          ? Math.max(0, layout.total() - viewport)
          : (layout.topFor(anchor) ?? 0);
      // First what is in view, with what is rendered already next to it (keeping it costs nothing).
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const [viewStart, viewEnd] = layout.range(top(), viewport, 0);
        const [wantStart, wantEnd] = layout.range(top(), viewport, OVERSCAN);
        let [start, end] = rendered();
        if (end < viewStart || start > viewEnd) [start, end] = [viewStart, viewEnd];
        if (!show(Math.min(viewStart, Math.max(start, wantStart)), Math.max(viewEnd, Math.min(end, wantEnd)))) break;
        measureRendered();
      }
      // Then a screen's worth either side, one message at a time while this frame has time left;
      // the rest in the next frames. Rendering a message (markdown, highlighting) is the costly part.
      for (;;) {
        const [wantStart, wantEnd] = layout.range(top(), viewport, OVERSCAN);
        const [start, end] = rendered();
        if (start <= wantStart && end >= wantEnd) {
          show(wantStart, wantEnd);
          break;
        }
        if (performance.now() > deadline) {
          unfinished = true;
          break;
        }
        if (end < wantEnd) show(start, end + 1);
        else show(start - 1, end);
      }
      measureRendered();
      // Measuring may have changed the estimate for everything not rendered.
      const [start, end] = rendered();
      setPadTop(layout.offsetOf(start));
      setPadBottom(layout.total() - layout.offsetOf(end));
      if (pinning.pinned) {
        if (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
          moveTo(scroller.scrollHeight - scroller.clientHeight);
        }
      } else {
        const target = base + top();
        if (Math.abs(scroller.scrollTop - target) >= 1) moveTo(target);
      }
      pinning.positioned(metrics());
    } finally {
      settling = false;
    }
    setPinned(pinning.pinned);
    if (unfinished) nextFrame();
    maybeLoadOlder();
  };

  let frameQueued = false;
  const nextFrame = () => {
    if (frameQueued) return;
    frameQueued = true;
    requestAnimationFrame(() => {
      frameQueued = false;
      settle();
    });
  };

  const schedule = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      settle();
    });
  };

  let inFlight: Promise<void> | undefined;
  /** Loads the page before; a call while one loads waits for that one. */
  const loadOlder = (): Promise<void> => {
    inFlight ??= loadOlderNow().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const loadOlderNow = async () => {
    const before = props.ids.length;
    setOlderError(undefined);
    setLoadingOlder(true);
    try {
      await props.onReachTop();
    } catch (e) {
      setOlderError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingOlder(false);
      // A short page may leave the view near the top still: look again once it is laid out
      // (only if the page brought messages, or this would ask again and again for nothing).
      if (props.ids.length > before) schedule();
    }
  };

  const maybeLoadOlder = () => {
    const state = {
      hasOlder: props.hasOlder,
      loading: loadingOlder(),
      failed: olderError() !== undefined,
      settled: pinning.settled,
    };
    if (wantsOlder(metrics(), state)) void loadOlder();
  };

  let markTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearTimeout(markTimer);
  });

  /** Puts message `id` (in the list) near the top of the view, marked and focused. */
  const revealAt = (id: string) => {
    if (!scroller) return;
    // Lay out the list as it is now (a page may have just arrived), then move.
    idsChanged = true;
    settle();
    pinning.userScrolledUp();
    moveTo(base + Math.max(0, layout.offsetOf(layout.indexOf(id)) - REVEAL_MARGIN));
    settle();
    batch(() => {
      setMarked(id);
      setRevealed(id);
    });
    clearTimeout(markTimer);
    markTimer = setTimeout(() => {
      setMarked(undefined);
    }, MARK_MS);
    elements.get(id)?.focus({ preventScroll: true });
  };

  /** Loads older pages until the asked message is in the list, then shows it. */
  const seek = async (want: { messageId: string }) => {
    for (;;) {
      if (props.reveal !== want) return;
      if (props.ids.includes(want.messageId)) {
        revealAt(want.messageId);
        props.onRevealed?.(true);
        return;
      }
      const before = props.ids.length;
      if (props.hasOlder) await loadOlder();
      if (props.ids.length === before || olderError() !== undefined) {
        if (props.reveal === want) props.onRevealed?.(false);
        return;
      }
    }
  };
  createEffect(
    on(
      () => props.reveal,
      (want) => {
        // After the render that mounts the list: the scroller is there to move.
        if (want) queueMicrotask(() => void seek(want));
      },
    ),
  );

  const onScroll = () => {
    pinning.scrolled(metrics(), performance.now());
    setPinned(pinning.pinned);
    settle();
  };

  const jumpToLatest = () => {
    pinning.jumpToLatest();
    setPinned(true);
    settle();
    // The button goes away; the transcript keeps the focus, for the keyboard.
    scroller?.focus();
  };

  /** Moves the view as the user would; the scroll event after it changes nothing more. */
  const scroll = (where: TranscriptScroll) => {
    if (!scroller) return;
    if (where === "last") {
      pinning.jumpToLatest();
      setPinned(true);
      settle();
      return;
    }
    const page = Math.round(scroller.clientHeight * (1 - PAGE_KEEPS));
    if (where !== "page-down") pinning.userScrolledUp();
    scroller.scrollTop =
      where === "first" ? 0 : scroller.scrollTop + (where === "page-up" ? -page : page);
    onScroll();
  };
  props.controls?.({ scroll });

  const observer =
    typeof ResizeObserver === "function"
      ? new ResizeObserver(() => {
          settle();
        })
      : undefined;

  // A new message, a page before, or another session's list: lay out again before the paint.
  createEffect(
    on(idsChange, () => {
      idsChanged = true;
      schedule();
    }),
  );

  onMount(() => {
    const element = scroller;
    if (!element) return;
    observer?.observe(element);
    // Passive: a wheel or touch listener that could cancel the scroll makes the engine wait for
    // this thread before scrolling, and this thread is busy while a reply streams.
    const active = () => {
      pinning.userActive(performance.now());
    };
    const wheel = (event: WheelEvent) => {
      if (event.deltaY < 0) pinning.userScrolledUp();
    };
    element.addEventListener("wheel", wheel, { passive: true });
    element.addEventListener("touchstart", active, { passive: true });
    element.addEventListener("touchmove", active, { passive: true });
    onCleanup(() => {
      element.removeEventListener("wheel", wheel);
      element.removeEventListener("touchstart", active);
      element.removeEventListener("touchmove", active);
    });
  });
  onCleanup(() => observer?.disconnect());

  return (
    <div class="tx">
      <div class="tx-live" aria-live="polite" aria-atomic="true">
        <Show when={news()} keyed>
          {(said) => <span>{said.text}</span>}
        </Show>
      </div>
      <section
        class="tx-scroller"
        aria-label="Transcript"
        tabIndex={0}
        ref={(element) => {
          scroller = element;
        }}
        onScroll={onScroll}
        onKeyDown={(event) => {
          if (isScrollUpKey(event)) pinning.userScrolledUp();
        }}
        onPointerDown={(event) => {
          // A press on the scroller itself, not on a message, is a press on its scrollbar.
          if (event.target === scroller) pinning.userActive(performance.now());
        }}
      >
        <Show when={props.hasOlder || olderError()}>
          <p class="tx-older" aria-live="polite">
            <Show
              when={olderError()}
              fallback={loadingOlder() ? "Loading earlier messages…" : "Scroll up for earlier messages"}
            >
              {(error) => (
                <>
                  Earlier messages could not be loaded: {error()}{" "}
                  <button type="button" class="btn btn-small tx-retry" onClick={() => void loadOlder()}>
                    Retry
                  </button>
                </>
              )}
            </Show>
          </p>
        </Show>
        <div
          class="tx-list"
          ref={(element) => {
            list = element;
          }}
          style={{ "padding-top": `${padTop()}px`, "padding-bottom": `${padBottom()}px` }}
        >
          <For each={visible()}>
            {(id) => (
              <MessageView
                id={id}
                marked={marked() === id}
                focusable={revealed() === id}
                message={props.info[id]}
                parts={props.parts[id] ?? []}
                userActions={props.userActions}
                cost={replyCostAt(props.ids, indexes().get(id) ?? -1, props.info, props.parts, props.hasOlder)}
                ref={(element) => {
                  elements.set(id, element);
                  observer?.observe(element);
                  onCleanup(() => {
                    elements.delete(id);
                    observer?.unobserve(element);
                  });
                }}
              />
            )}
          </For>
        </div>
      </section>
      <Show when={!pinned()}>
        <button type="button" class="btn tx-jump" onClick={jumpToLatest}>
          Jump to latest ↓
        </button>
      </Show>
    </div>
  );
}
