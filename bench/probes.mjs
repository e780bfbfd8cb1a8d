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
