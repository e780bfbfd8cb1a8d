// The file tree as a flat list of the rows on screen: what is expanded and loaded, depth-first.
// A flat list makes keyboard moves index arithmetic and lets the tree draw only the rows in view,
// so a directory of thousands of entries costs what fits in the window.
import type { FileNode } from "../../ipc";

export interface TreeRow {
  node: FileNode;
  /** 0 for the project's top level. */
  depth: number;
  /** Directories only: shown open. */
  expanded: boolean;
  /** 1-based place among its siblings and how many they are (aria-posinset / aria-setsize). */
  position: number;
  siblings: number;
}

/**
 * The rows to show: each loaded directory's entries (already sorted) under it when it is
 * expanded. `children[""]` is the project root.
 */
export function visibleRows(
  children: Readonly<Record<string, readonly FileNode[] | undefined>>,
  expanded: ReadonlySet<string>,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (dir: string, depth: number) => {
    const entries = children[dir];
    if (!entries) return;
    entries.forEach((node, i) => {
      const open = node.type === "directory" && expanded.has(node.path);
      rows.push({ node, depth, expanded: open, position: i + 1, siblings: entries.length });
      if (open) walk(node.path, depth + 1);
    });
  };
  walk("", 0);
  return rows;
}

/** What a key does to the tree: the WAI-ARIA tree pattern. */
export type TreeAction =
  | { kind: "focus"; index: number }
  | { kind: "expand"; path: string }
  | { kind: "collapse"; path: string }
  | { kind: "open"; path: string }
  | { kind: "none" };

export function treeKeyAction(rows: readonly TreeRow[], index: number, key: string): TreeAction {
  const last = rows.length - 1;
  if (last < 0) return { kind: "none" };
  const row = rows[index];
  switch (key) {
    case "ArrowDown":
      return { kind: "focus", index: row ? Math.min(index + 1, last) : 0 };
    case "ArrowUp":
      return { kind: "focus", index: row ? Math.max(index - 1, 0) : 0 };
    case "Home":
      return { kind: "focus", index: 0 };
    case "End":
      return { kind: "focus", index: last };
  }
  if (!row) return key === "Enter" || key === " " ? { kind: "focus", index: 0 } : { kind: "none" };
  const isDir = row.node.type === "directory";
  switch (key) {
    case "ArrowRight":
      if (!isDir) return { kind: "none" };
      if (!row.expanded) return { kind: "expand", path: row.node.path };
      // Open already: step into its first entry, if it has one loaded.
      return (rows[index + 1]?.depth ?? -1) > row.depth
        ? { kind: "focus", index: index + 1 }
        : { kind: "none" };
    case "ArrowLeft": {
      if (isDir && row.expanded) return { kind: "collapse", path: row.node.path };
      for (let i = index - 1; i >= 0; i--) {
        if ((rows[i]?.depth ?? 0) < row.depth) return { kind: "focus", index: i };
      }
      return { kind: "none" };
    }
    case "Enter":
    case " ":
      if (!isDir) return { kind: "open", path: row.node.path };
      return row.expanded
        ? { kind: "collapse", path: row.node.path }
        : { kind: "expand", path: row.node.path };
    default:
      return { kind: "none" };
  }
}

/** The slice of `count` rows of `rowHeight` pixels to draw for a viewport, with some spare. */
export function windowRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 10,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight);
  const start = Math.max(0, Math.min(first, count) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/** The scrollTop that brings row `index` fully into view, or `scrollTop` when it already is. */
export function scrollToRow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  index: number,
): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}
