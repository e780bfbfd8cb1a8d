// The session list's shape, as pure functions: sessions newest first, sub-agent (child) sessions
// under their parent, a title search that ignores case and accents, and the rows a list shows
// for a given set of expanded parents. The component only renders what these return.
import type { Session } from "../../ipc";

export const UNTITLED = "Untitled session";

/** The title as the list shows it; the server sends "" until it has named the session. */
export function titleOf(session: Pick<Session, "title">): string {
  // Typed as string, but older servers may omit it: do not trust the type at runtime.
  const title = (session.title as string | undefined)?.trim();
  return title || UNTITLED;
}

/** When the session last changed (epoch ms); sessions the server never dated sort last. */
export function recency(session: Pick<Session, "time">): number {
  return session.time.updated ?? session.time.created ?? 0;
}

/** Newest first; equal times fall back to the id (newer ids sort higher) so order is stable. */
export function byRecency(a: Session, b: Session): number {
  const difference = recency(b) - recency(a);
  if (difference !== 0) return difference;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

// Folding is the costly part of a search over thousands of titles; titles repeat across
// keystrokes, so each is folded once. Capped so a long-running window cannot grow it forever.
const foldedTitles = new Map<string, string>();
const FOLD_CACHE_LIMIT = 20_000;

/** Lower case without accents: "Élan" and "elan" compare equal. */
export function foldForSearch(text: string): string {
  const known = foldedTitles.get(text);
  if (known !== undefined) return known;
  // NFD splits "é" into "e" + a combining accent, which \p{M} then drops.
  const folded = text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  if (foldedTitles.size >= FOLD_CACHE_LIMIT) foldedTitles.clear();
  foldedTitles.set(text, folded);
  return folded;
}

/** The words of a query, folded; every one must appear in a title, in any order. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query.trim())
    .split(/\s+/)
    .filter((term) => term.length > 0);
}

export function titleMatches(session: Pick<Session, "title">, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const title = foldForSearch(titleOf(session));
  return terms.every((term) => title.includes(term));
}

export interface SessionTree {
  byId: ReadonlyMap<string, Session>;
  /** Top-level sessions, newest first. */
  roots: readonly string[];
  /** Each parent's direct children, newest first. */
  children: ReadonlyMap<string, readonly string[]>;
  /** A child's parent, only where that parent is among the sessions. */
  parentOf: ReadonlyMap<string, string>;
}

const NO_CHILDREN: readonly string[] = [];

export function childrenOf(tree: SessionTree, id: string): readonly string[] {
  return tree.children.get(id) ?? NO_CHILDREN;
}

/**
 * Nests sessions under their parents. A child whose parent is not loaded (or a parent chain that
 * loops, which the server should never send) is shown at the top level rather than lost.
 */
export function buildTree(sessions: readonly Session[]): SessionTree {
  const sorted = [...sessions].sort(byRecency);
  const byId = new Map<string, Session>();
  for (const session of sorted) byId.set(session.id, session);

  const children = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  for (const session of sorted) {
    const parent = session.parentID;
    if (parent && parent !== session.id && byId.has(parent)) {
      parentOf.set(session.id, parent);
      let list = children.get(parent);
      if (!list) {
        list = [];
        children.set(parent, list);
      }
      list.push(session.id);
    }
  }

  const roots = sorted.filter((s) => !parentOf.has(s.id)).map((s) => s.id);

  // Anything not reachable from a root sits in a parent loop: break the loop at that session.
  const reached = new Set<string>();
  const visit = (id: string) => {
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop();
      if (next === undefined || reached.has(next)) continue;
      reached.add(next);
      stack.push(...(children.get(next) ?? NO_CHILDREN));
    }
  };
  roots.forEach(visit);
  if (reached.size < sorted.length) {
    for (const session of sorted) {
      if (reached.has(session.id)) continue;
      const parent = parentOf.get(session.id);
      if (parent !== undefined) {
        const siblings = children.get(parent);
        if (siblings) children.set(parent, siblings.filter((id) => id !== session.id));
        parentOf.delete(session.id);
      }
      roots.push(session.id);
      visit(session.id);
    }
    roots.sort((a, b) => byRecency(byId.get(a) as Session, byId.get(b) as Session));
  }

  return { byId, roots, children, parentOf };
}

/** One line of the list. */
export interface SessionRow {
  id: string;
  /** 0 for a top-level session, 1 for its children, and so on. */
  depth: number;
  /** Children this row can show (during a search, only those that match, unless it matches). */
  childCount: number;
  expanded: boolean;
  /** Held open by a search that matched a child: its toggle would do nothing. */
  forcedOpen: boolean;
}

/**
 * The rows to show, top to bottom. Without a query: roots, and the children of expanded parents.
 * With one: sessions whose title matches, and parents of matching children (held open, showing
 * only the matching children); a parent that matches itself keeps all its children, collapsed
 * unless the user expanded it.
 */
export function visibleRows(
  tree: SessionTree,
  expanded: ReadonlySet<string>,
  query: string,
): SessionRow[] {
  const terms = searchTerms(query);
  const searching = terms.length > 0;
  const selfMatch = new Map<string, boolean>();
  const matchesSelf = (id: string): boolean => {
    let known = selfMatch.get(id);
    if (known === undefined) {
      const session = tree.byId.get(id);
      known = session !== undefined && titleMatches(session, terms);
      selfMatch.set(id, known);
    }
    return known;
  };
  const included = new Map<string, boolean>();
  const isIncluded = (id: string): boolean => {
    let known = included.get(id);
    if (known === undefined) {
      known = matchesSelf(id) || childrenOf(tree, id).some(isIncluded);
      included.set(id, known);
    }
    return known;
  };

  const rows: SessionRow[] = [];
  const emit = (id: string, depth: number) => {
    const self = !searching || matchesSelf(id);
    const kids = self ? childrenOf(tree, id) : childrenOf(tree, id).filter(isIncluded);
    const forcedOpen = !self && kids.length > 0;
    const open = kids.length > 0 && (forcedOpen || expanded.has(id));
    rows.push({ id, depth, childCount: kids.length, expanded: open, forcedOpen });
    if (open) for (const kid of kids) emit(kid, depth + 1);
  };
  for (const root of tree.roots) {
    if (!searching || isIncluded(root)) emit(root, 0);
  }
  return rows;
}

/** The chain of parents above a session, nearest first (to expand them when it is opened). */
export function ancestorsOf(tree: SessionTree, id: string): string[] {
  const chain: string[] = [];
  const seen = new Set<string>([id]);
  let parent = tree.parentOf.get(id);
  while (parent !== undefined && !seen.has(parent)) {
    chain.push(parent);
    seen.add(parent);
    parent = tree.parentOf.get(parent);
  }
  return chain;
}
