// One-time work done before the user asks for it. The first run of code in the engine is slow
// (JavaScriptCore has it cold, highlight.js compiles a language's regexes on first use, the
// first layout of a kind of content loads fonts and resolves styles): done at the first open of
// a session it made that open several times slower than the next ones. Here it runs in small
// steps while the window is idle after launch, one step per idle period, and stops for good as
// soon as the real thing starts (the work it would do is then done by the real thing anyway).

/** One piece of warm-up work: synchronous, short (a few to some tens of milliseconds). */
export type WarmUpStep = () => void;

export interface WarmUp {
  /** Stops the steps not run yet; `finished` then resolves. */
  cancel: () => void;
  /** Resolves when every step ran or the warm-up was cancelled; true when every step ran. */
  finished: Promise<boolean>;
  /** Each step's duration in ms, in order, as run so far: for measuring the warm-up's own cost. */
  durations: number[];
}

interface IdleWindow {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
}

/**
 * Without requestIdleCallback (WebKitGTK has none), a step waits this long after the one before:
 * time for the engine to take input and paint between steps.
 */
const FALLBACK_GAP_MS = 16;
/** Steps that turn out short run on in the same slice until it has taken this long. */
const SLICE_MS = 8;
/** An idle period is waited for at most this long: a busy window still gets warm in time. */
const IDLE_TIMEOUT_MS = 500;

let current: WarmUp | undefined;
/** True while a step runs: what a step renders must not cancel the warm-up running it. */
let inStep = false;

export interface WarmUpOptions {
  /** Waited before the first step, so the launch paints first. */
  delayMs?: number;
  /** Runs once at the end, finished or cancelled: removes what the steps left behind. */
  cleanup?: () => void;
}

/**
 * Runs `steps` one per idle period. Only one warm-up at a time: starting one cancels the one
 * before.
 */
export function startWarmUp(steps: readonly WarmUpStep[], options: WarmUpOptions = {}): WarmUp {
  current?.cancel();
  const idle = globalThis as IdleWindow;
  const durations: number[] = [];
  let next = 0;
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idleHandle: number | undefined;
  let resolve: (done: boolean) => void = () => undefined;
  const finished = new Promise<boolean>((r) => {
    resolve = r;
  });
  const end = (done: boolean) => {
    if (current === warmUp) current = undefined;
    try {
      options.cleanup?.();
    } catch {
      // As for a step.
    }
    resolve(done);
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      if (idle.requestIdleCallback) {
        idleHandle = idle.requestIdleCallback(
          () => {
            idleHandle = undefined;
            run();
          },
          { timeout: IDLE_TIMEOUT_MS },
        );
      } else {
        run();
      }
    }, delay);
  };
  const run = () => {
    if (cancelled) return;
    const sliceStart = performance.now();
    while (next < steps.length && performance.now() - sliceStart < SLICE_MS) {
      const step = steps[next++];
      const start = performance.now();
      inStep = true;
      try {
        step?.();
      } catch {
        // Warming is never worth an error: the real thing will meet it and report it.
      } finally {
        inStep = false;
      }
      durations.push(performance.now() - start);
    }
    if (next >= steps.length) {
      cancelled = true;
      end(true);
      return;
    }
    schedule(idle.requestIdleCallback ? 0 : FALLBACK_GAP_MS);
  };
  const warmUp: WarmUp = {
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      clearTimeout(timer);
      if (idleHandle !== undefined) idle.cancelIdleCallback?.(idleHandle);
      end(false);
    },
    finished,
    durations,
  };
  current = warmUp;
  schedule(options.delayMs ?? 0);
  return warmUp;
}

/** The real thing started: the warm-up's remaining steps would only delay it. */
export function cancelWarmUp(): void {
  if (!inStep) current?.cancel();
}
