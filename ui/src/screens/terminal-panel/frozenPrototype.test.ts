// The app runs with Tauri's freezePrototype (tauri.conf.json): Object.prototype is frozen before
// any script, so a library that assigns `toString` onto a plain object throws while loading and
// takes the whole page down (xterm.js 6.0 does, in its key code tables: a blank window; 5.5 does
// not). Each terminal package is loaded here in a separate Node with the prototype frozen as in
// the app. Node is reached through a variable specifier: the app's tsconfig has no Node types.
import { describe, expect, it } from "vitest";

interface Run {
  status: number | null;
  stderr: string;
}
interface ChildProcess {
  spawnSync: (command: string, args: string[], options: { encoding: "utf8" }) => Run;
}
const nodeOnly = "node:child_process";
const { spawnSync } = (await import(/* @vite-ignore */ nodeOnly)) as ChildProcess;
const node = (globalThis as unknown as { process: { execPath: string } }).process.execPath;

const packages = ["@xterm/xterm", "@xterm/addon-fit", "@xterm/addon-web-links"];

describe("terminal packages under a frozen Object.prototype", () => {
  it.each(packages)("%s loads", (name) => {
    // The addons are UMD bundles that look for `self`, as in a browser.
    const script = `globalThis.self = globalThis; Object.freeze(Object.prototype);
      import(${JSON.stringify(name)}).then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(1); });`;
    const run = spawnSync(node, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
