// What the model picker lists, as pure functions: one row per configured model (built once per
// model list, with its search text and figures already made), then per keystroke only a filter
// and the sections: Favourites, Recent, then each provider. A model shows once: in Favourites if
// it is one, else in Recent, else under its provider.
import type { ConfigProviders, ModelRef } from "../../ipc";
import { modelGroups } from "./choices";

export interface ModelRow {
  /** Position in the full list: stable while the model list is, so it can name a DOM id. */
  index: number;
  ref: ModelRef;
  name: string;
  providerName: string;
  /** "200K" tokens of context, when the catalog says. */
  context?: string;
  /** "$3 / $15" per million input / output tokens, "free", or nothing when unknown. */
  cost?: string;
  /** Lower-case name, id and provider, for the filter. */
  haystack: string;
  /** The same without separators, so "gpt4o" finds "gpt-4o". */
  compact: string;
  /** The same with each separator a space, and one in front: where words start. */
  spaced: string;
}

export interface Section {
  id: string;
  label: string;
  rows: ModelRow[];
}

export interface ModelLists {
  favorite: readonly ModelRef[];
  recent: readonly ModelRef[];
}

/** "provider\0model": ids may hold "/" (and anything else), but not a NUL. */
export function modelKey(ref: ModelRef): string {
  return `${ref.providerID}\u0000${ref.modelID}`;
}

function numberAt(value: unknown, key: string): number | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "number" && Number.isFinite(field) && field >= 0 ? field : undefined;
}

/** A context size in tokens as people say it: 200000 → "200K", 1048576 → "1M". */
export function formatContext(tokens: number | undefined): string | undefined {
  if (tokens === undefined || tokens <= 0) return undefined;
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(1))}M`;
  if (tokens >= 1_000) return `${Math.round(tokens / 1_000)}K`;
  return String(tokens);
}

function dollars(perMillion: number): string {
  return `$${Number(perMillion.toPrecision(3))}`;
}

/**
 * The catalog's price per million input and output tokens: "$3 / $15", "free" when both are 0,
 * nothing when either is unknown (a guess would mislead more than a gap).
 */
export function formatCost(cost: unknown): string | undefined {
  const input = numberAt(cost, "input");
  const output = numberAt(cost, "output");
  if (input === undefined || output === undefined) return undefined;
  if (input === 0 && output === 0) return "free";
  return `${dollars(input)} / ${dollars(output)}`;
}

function compactOf(text: string): string {
  return text.replace(/[\s\-_./:]+/g, "");
}

/** Every configured model as a row, providers in the server's order, models by name. */
export function modelRows(models: ConfigProviders | undefined): ModelRow[] {
  const rows: ModelRow[] = [];
  const providers = new Map(models?.providers.map((p) => [p.id, p]));
  for (const group of modelGroups(models)) {
    const provider = providers.get(group.providerID);
    for (const model of group.models) {
      const info = provider?.models[model.ref.modelID];
      const haystack = `${model.name} ${model.ref.modelID} ${group.providerName} ${group.providerID}`.toLowerCase();
      rows.push({
        index: rows.length,
        ref: model.ref,
        name: model.name,
        providerName: group.providerName,
        context: formatContext(numberAt(info?.limit, "context")),
        cost: formatCost(info?.cost),
        haystack,
        compact: compactOf(haystack),
        spaced: ` ${haystack.replace(/[\s\-_./:]+/g, " ")}`,
      });
    }
  }
  return rows;
}

/** Every word of `query` is in the row's name, id or provider (separators optional). */
export function matches(row: ModelRow, words: readonly string[]): boolean {
  return words.every((word) => row.haystack.includes(word) || row.compact.includes(compactOf(word)));
}

/**
 * How well a matching row fits, lower first: the name starts with the query as typed, has it at
 * the start of a word, has every word at the start of a word, anything else that matched
 * ("vendor 1 m" puts "Vendor 1 Model" before "Vendor 0 Model 102", and "Avendor" last).
 */
export function fit(row: ModelRow, words: readonly string[]): number {
  const typed = words.join(" ");
  const name = row.name.toLowerCase();
  if (name.startsWith(typed)) return 0;
  if (` ${name.replace(/[\s\-_./:]+/g, " ")}`.includes(` ${typed}`)) return 1;
  return words.every((word) => row.spaced.includes(` ${word}`)) ? 2 : 3;
}

export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((word) => word !== "");
}

/** Favourites, Recent, then each provider, each holding only rows that match `query`. */
export function sections(rows: readonly ModelRow[], lists: ModelLists, query: string): Section[] {
  const words = queryWords(query);
  const byKey = new Map(rows.map((row) => [modelKey(row.ref), row]));
  const shown = new Set<string>();
  const pick = (refs: readonly ModelRef[]) => {
    const picked: ModelRow[] = [];
    for (const ref of refs) {
      const key = modelKey(ref);
      const row = byKey.get(key);
      // A favourite the server no longer has is not offered (it stays in the list, for later).
      if (!row || shown.has(key)) continue;
      shown.add(key);
      if (matches(row, words)) picked.push(row);
    }
    return picked;
  };
  const result: Section[] = [
    { id: "favorite", label: "Favourites", rows: pick(lists.favorite) },
    { id: "recent", label: "Recent", rows: pick(lists.recent) },
  ];
  let current: Section | undefined;
  for (const row of rows) {
    if (shown.has(modelKey(row.ref)) || !matches(row, words)) continue;
    const id = `provider:${row.ref.providerID}`;
    if (current?.id !== id) {
      current = { id, label: row.providerName, rows: [] };
      result.push(current);
    }
    current.rows.push(row);
  }
  const nonEmpty = result.filter((section) => section.rows.length > 0);
  if (words.length === 0) return nonEmpty;
  // Array.prototype.sort is stable: rows that fit alike keep the order above.
  return nonEmpty.map((section) => {
    const fits = new Map(section.rows.map((row) => [row, fit(row, words)]));
    return { ...section, rows: [...section.rows].sort((a, b) => (fits.get(a) ?? 3) - (fits.get(b) ?? 3)) };
  });
}
