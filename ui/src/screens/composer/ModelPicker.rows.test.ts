import { describe, expect, it } from "vitest";
import type { ConfigProviders } from "../../ipc";
import { formatContext, formatCost, modelRows, sections } from "./ModelPicker.rows";

describe("figures", () => {
  it("says context sizes as people do", () => {
    expect(formatContext(200000)).toBe("200K");
    expect(formatContext(131072)).toBe("131K");
    expect(formatContext(1048576)).toBe("1M");
    expect(formatContext(1500000)).toBe("1.5M");
    expect(formatContext(999)).toBe("999");
    expect(formatContext(0)).toBeUndefined();
    expect(formatContext(undefined)).toBeUndefined();
  });

  it("says prices per million tokens, 'free' at zero, and nothing it does not know", () => {
    expect(formatCost({ input: 3, output: 15 })).toBe("$3 / $15");
    expect(formatCost({ input: 0.075, output: 0.3 })).toBe("$0.075 / $0.3");
    expect(formatCost({ input: 1.25, output: 10, cache_read: 0.125 })).toBe("$1.25 / $10");
    expect(formatCost({ input: 0, output: 0 })).toBe("free");
    expect(formatCost({ input: 3 })).toBeUndefined();
    expect(formatCost({ input: "3", output: 15 })).toBeUndefined();
    expect(formatCost({ input: -1, output: 15 })).toBeUndefined();
    expect(formatCost({})).toBeUndefined();
    expect(formatCost(null)).toBeUndefined();
  });
});

const m = (providerID: string, id: string, name: string) => ({ id, providerID, name, capabilities: {}, limit: {}, cost: {} });
const MODELS: ConfigProviders = {
  providers: [
    { id: "b", name: "Beta", models: { y: m("b", "y", "Yak"), x: m("b", "x", "Xray") } },
    { id: "a", name: "Alpha", models: { z: m("a", "z", "Zed") } },
  ],
  default: {},
};

describe("sections", () => {
  const rows = modelRows(MODELS);
  const view = (lists: Parameters<typeof sections>[1], query = "") =>
    sections(rows, lists, query).map((s) => [s.label, s.rows.map((r) => r.name)]);

  it("keeps the server's provider order, models by name", () => {
    expect(view({ favorite: [], recent: [] })).toEqual([
      ["Beta", ["Xray", "Yak"]],
      ["Alpha", ["Zed"]],
    ]);
  });

  it("puts favourites, then recent ones, first, each model once, and skips models the server lacks", () => {
    const lists = {
      favorite: [{ providerID: "a", modelID: "z" }, { providerID: "gone", modelID: "z" }],
      recent: [{ providerID: "a", modelID: "z" }, { providerID: "b", modelID: "y" }],
    };
    expect(view(lists)).toEqual([
      ["Favourites", ["Zed"]],
      ["Recent", ["Yak"]],
      ["Beta", ["Xray"]],
    ]);
  });

  it("filters every section, and leaves out the ones left empty", () => {
    const lists = { favorite: [{ providerID: "a", modelID: "z" }], recent: [] };
    expect(view(lists, "beta")).toEqual([["Beta", ["Xray", "Yak"]]]);
    expect(view(lists, "ZE")).toEqual([["Favourites", ["Zed"]]]);
  });
});

describe("ranking while searching", () => {
  const many: ConfigProviders = {
    providers: [
      {
        id: "r",
        name: "Router",
        models: Object.fromEntries(
          ["Vendor 0 Model 102", "Vendor 1 Model 1", "Vendor 10 Model 2", "Avendor 1 Mini"].map((name, i) => [
            `id${i}`,
            m("r", `id${i}`, name),
          ]),
        ),
      },
    ],
    default: {},
  };
  const rows = modelRows(many);
  const names = (query: string) => sections(rows, { favorite: [], recent: [] }, query).flatMap((s) => s.rows.map((r) => r.name));

  it("puts the query as typed first, then words at word starts, then the rest", () => {
    expect(names("vendor 1 m")).toEqual(["Vendor 1 Model 1", "Vendor 0 Model 102", "Vendor 10 Model 2", "Avendor 1 Mini"]);
    expect(names("VENDOR  10")).toEqual(["Vendor 10 Model 2", "Vendor 0 Model 102"]);
  });

  it("sorts numbers as numbers", () => {
    const gpts: ConfigProviders = {
      providers: [{ id: "o", name: "O", models: { a: m("o", "a", "GPT-10"), b: m("o", "b", "GPT-9"), c: m("o", "c", "GPT-4o") } }],
      default: {},
    };
    expect(modelRows(gpts).map((r) => r.name)).toEqual(["GPT-4o", "GPT-9", "GPT-10"]);
  });
});
