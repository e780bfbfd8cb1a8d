// Page-side probes both sides of the benchmark run (bench/app.mjs on the app, bench/web.mjs on
// OpenCode's web UI): one text, so both are measured the same way.

/**
 * Times keys in the text box found by `selector`: keydown's timeStamp → the frame after the input
 * event, painted. WebKit's event timeStamp is on performance.now()'s clock; a value on the
 * epoch's is converted.
 */
export const watchKeys = (selector) => `
  window.__benchKeys?.stop();
  const state = { keys: [] };
  window.__benchKeys = state;
  const box = document.querySelector(${JSON.stringify(selector)});
  let down = -1;
  const keydown = (e) => {
    down = e.timeStamp > 1e12 ? e.timeStamp - performance.timeOrigin : e.timeStamp;
  };
  const input = () => {
    const from = down;
    requestAnimationFrame(() => setTimeout(() => { state.keys.push({ ms: performance.now() - from, at: Date.now() }); }, 0));
  };
  box.addEventListener("keydown", keydown, true);
  box.addEventListener("input", input, true);
  state.stop = () => {
    box.removeEventListener("keydown", keydown, true);
    box.removeEventListener("input", input, true);
  };
`;

/**
 * Stamps each token "tok<N>" with Date.now() (the model's clock: same machine) at the animation
 * frame after a change under the element `view` (a page expression) first shows it. `fresh` is
 * the page source of `(view) => () => text`: called when armed, it returns what gives the text
 * that was not there then, so a token of an earlier reply is never counted.
 */
export const watchTokens = (view, fresh) => `
  window.__benchTokens?.observer.disconnect();
  const state = { paint: {}, max: -1 };
  window.__benchTokens = state;
  const view = ${view};
  const freshText = (${fresh})(view);
  let queued = false;
  const scan = () => {
    queued = false;
    const now = Date.now();
    let max = state.max;
    for (const m of freshText().matchAll(/\\btok(\\d+)\\b/g)) max = Math.max(max, Number(m[1]));
    for (let i = state.max + 1; i <= max; i++) state.paint[i] = now;
    state.max = max;
  };
  state.observer = new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(scan);
    }
  });
  state.observer.observe(view, { childList: true, subtree: true, characterData: true });
`;
