// A process tree's memory, read from /proc: for both benchmarks (bench/run.mjs: MiniBrowser and
// its WebKit helpers; bench/app.mjs: the app and its WebKit processes, OpenCode left out).
import { readdirSync, readFileSync } from "node:fs";

/** The process's name (`comm`); "?" once it is gone. */
export function processName(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

/**
 * `root` and every process under it, as {pid, name}, root first. A process named `skip` is left
 * out with everything under it.
 */
export function processTree(root, { skip } = {}) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The name may hold spaces and parentheses: the fields after the last ")" are safe.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  const out = [];
  const walk = (pid) => {
    const name = processName(pid);
    if (name === skip) return;
    out.push({ pid, name });
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/**
 * kB figures of one process: RSS from status, PSS from smaps_rollup (shared pages split fairly
 * between the processes that map them), and PSS's parts: anonymous (heaps), file (libraries,
 * the binary) and shared memory (buffers shared with the X server and the other processes).
 */
export function usage(pid) {
  const read = (file) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, "utf8").split("\n");
    } catch {
      return [];
    }
  };
  const rollup = read("smaps_rollup");
  const field = (lines, key) => Number(lines.find((l) => l.startsWith(`${key}:`))?.split(/\s+/)[1] ?? 0);
  return {
    rss: field(read("status"), "VmRSS"),
    pss: field(rollup, "Pss"),
    anon: field(rollup, "Pss_Anon"),
    file: field(rollup, "Pss_File"),
    shmem: field(rollup, "Pss_Shmem"),
  };
}
