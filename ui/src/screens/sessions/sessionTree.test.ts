import { describe, expect, it } from "vitest";
import type { Session } from "../../ipc";
import { session } from "../../test/factories";
import {
  ancestorsOf,
  buildTree,
  foldForSearch,
  searchTerms,
  titleMatches,
  titleOf,
  visibleRows,
} from "./sessionTree";

/** A session updated at `updated`, optionally a child of `parentID`. */
function dated(id: string, title: string, updated: number, parentID?: string): Session {
  const base = { ...session(id, title), time: { created: 1, updated } };
  return (parentID ? { ...base, parentID } : base) as Session;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("titles and search", () => {
  it("names untitled sessions", () => {
    expect(titleOf({ title: "  " })).toBe("Untitled session");
    expect(titleOf({ title: "Fix it" })).toBe("Fix it");
  });

  it("ignores case and accents", () => {
    expect(foldForSearch("Élan CAFÉ")).toBe("elan cafe");
    expect(titleMatches({ title: "Réparer le café" }, searchTerms("CAFE rep"))).toBe(true);
    expect(titleMatches({ title: "Réparer le café" }, searchTerms("thé"))).toBe(false);
  });

  it("treats a blank query as matching everything", () => {
    expect(searchTerms("   ")).toEqual([]);
    expect(titleMatches({ title: "x" }, [])).toBe(true);
  });
});

describe("buildTree", () => {
  it("orders sessions newest first and nests children under their parent", () => {
    const tree = buildTree([
      dated("a", "Old", 10),
      dated("b", "New", 30),
      dated("c", "Child old", 11, "b"),
      dated("d", "Child new", 40, "b"),
    ]);
    expect(tree.roots).toEqual(["b", "a"]);
    expect(tree.children.get("b")).toEqual(["d", "c"]);
    expect(tree.parentOf.get("c")).toBe("b");
  });

  it("keeps a child whose parent is not loaded at the top level", () => {
    const tree = buildTree([dated("a", "A", 1), dated("c", "Orphan", 2, "gone")]);
    expect(tree.roots).toEqual(["c", "a"]);
  });

  it("breaks a parent loop instead of losing its sessions", () => {
    const tree = buildTree([dated("a", "A", 1, "b"), dated("b", "B", 2, "a"), dated("r", "R", 3)]);
    const shown = ids(visibleRows(tree, new Set(tree.roots), ""));
    expect(shown.sort()).toEqual(["a", "b", "r"]);
  });

  it("sorts equal times by id, newest id first", () => {
    expect(buildTree([dated("ses_1", "x", 5), dated("ses_2", "y", 5)]).roots).toEqual([
      "ses_2",
      "ses_1",
    ]);
  });
});

describe("visibleRows", () => {
  const tree = buildTree([
    dated("p", "Deploy the app", 50),
    dated("p1", "Check the logs", 49, "p"),
    dated("p2", "Write café notes", 48, "p"),
    dated("g", "Grandchild", 47, "p1"),
    dated("q", "Refactor parser", 40),
  ]);

  it("shows parents collapsed with their child count", () => {
    expect(visibleRows(tree, new Set(), "")).toEqual([
      { id: "p", depth: 0, childCount: 2, expanded: false, forcedOpen: false },
      { id: "q", depth: 0, childCount: 0, expanded: false, forcedOpen: false },
    ]);
  });

  it("shows the children of expanded parents, one level deeper", () => {
    const rows = visibleRows(tree, new Set(["p", "p1"]), "");
    expect(ids(rows)).toEqual(["p", "p1", "g", "p2", "q"]);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 1, 0]);
  });

  it("keeps a parent whose child matches, held open with only the matching children", () => {
    const rows = visibleRows(tree, new Set(), "cafe");
    expect(ids(rows)).toEqual(["p", "p2"]);
    expect(rows[0]).toMatchObject({ expanded: true, forcedOpen: true, childCount: 1 });
  });

  it("finds a grandchild through two parents", () => {
    expect(ids(visibleRows(tree, new Set(), "grand"))).toEqual(["p", "p1", "g"]);
  });

  it("keeps all children of a parent that matches itself, collapsed unless expanded", () => {
    expect(visibleRows(tree, new Set(), "deploy")).toEqual([
      { id: "p", depth: 0, childCount: 2, expanded: false, forcedOpen: false },
    ]);
    expect(ids(visibleRows(tree, new Set(["p"]), "deploy"))).toEqual(["p", "p1", "p2"]);
  });

  it("shows nothing when nothing matches", () => {
    expect(visibleRows(tree, new Set(), "nothing like it")).toEqual([]);
  });

  it("stays fast with thousands of sessions", () => {
    const many: Session[] = [];
    for (let i = 0; i < 5000; i += 1) {
      many.push(dated(`s${i}`, `Session number ${i}`, i, i % 5 === 0 ? undefined : `s${i - (i % 5)}`));
    }
    const big = buildTree(many);
    expect(big.roots.length).toBe(1000);
    expect(visibleRows(big, new Set(), "number 4999").map((r) => r.id)).toEqual(["s4995", "s4999"]);
  });
});

describe("ancestorsOf", () => {
  it("lists the parents above a session, nearest first", () => {
    const tree = buildTree([dated("a", "A", 3), dated("b", "B", 2, "a"), dated("c", "C", 1, "b")]);
    expect(ancestorsOf(tree, "c")).toEqual(["b", "a"]);
    expect(ancestorsOf(tree, "a")).toEqual([]);
  });
});
