import { describe, expect, it } from "vitest";
import type { Agent, ConfigProviders, Model } from "../../ipc";
import {
  hasModel,
  modelGroups,
  nextAgent,
  pickableAgents,
  resolveAgent,
  resolveModel,
  sameModel,
  serverDefaultModel,
} from "./choices";

function model(providerID: string, id: string, name: string): Model {
  return { id, providerID, name, capabilities: {}, limit: {}, cost: {} };
}

const MODELS: ConfigProviders = {
  providers: [
    {
      id: "zen",
      name: "OpenCode Zen",
      models: { "z-2": model("zen", "z-2", "Zeta"), "a-1": model("zen", "a-1", "Alpha") },
    },
    { id: "empty", name: "Nothing here", models: {} },
    {
      id: "anthropic",
      name: "Anthropic",
      models: { sonnet: model("anthropic", "sonnet", "Claude Sonnet") },
    },
  ],
  default: { anthropic: "sonnet", zen: "missing" },
};

// Agents carry extra server fields the bindings type as an index signature; tests give the few read.
const agent = (name: string, mode: string, hidden = false): Agent =>
  ({ name, mode, hidden, native: true }) as Agent;
const AGENTS = [
  agent("build", "primary"),
  agent("compaction", "primary", true),
  agent("explore", "subagent"),
  agent("plan", "primary"),
  agent("mine", "all"),
];

describe("models", () => {
  it("groups models by provider in server order, by name, without empty providers", () => {
    expect(
      modelGroups(MODELS).map((g) => [g.providerName, g.models.map((m) => m.name)]),
    ).toEqual([
      ["OpenCode Zen", ["Alpha", "Zeta"]],
      ["Anthropic", ["Claude Sonnet"]],
    ]);
    expect(modelGroups(undefined)).toEqual([]);
  });

  it("takes the first provider's default that is configured", () => {
    expect(serverDefaultModel(MODELS)).toEqual({ providerID: "anthropic", modelID: "sonnet" });
  });

  it("falls back to the first model listed when no default is configured", () => {
    expect(serverDefaultModel({ ...MODELS, default: {} })).toEqual({
      providerID: "zen",
      modelID: "a-1",
    });
    expect(serverDefaultModel({ providers: [], default: {} })).toBeUndefined();
    expect(serverDefaultModel(undefined)).toBeUndefined();
  });

  it("prefers the pick, then the session's last model, then the server default", () => {
    const pick = { providerID: "zen", modelID: "z-2" };
    const last = { providerID: "zen", modelID: "a-1" };
    expect(resolveModel(MODELS, pick, last)).toEqual(pick);
    expect(resolveModel(MODELS, null, last)).toEqual(last);
    expect(resolveModel(MODELS, undefined, null)).toEqual({
      providerID: "anthropic",
      modelID: "sonnet",
    });
  });

  it("skips a remembered model the server no longer offers", () => {
    const gone = { providerID: "zen", modelID: "retired" };
    expect(hasModel(MODELS, gone)).toBe(false);
    expect(resolveModel(MODELS, gone, gone)).toEqual({ providerID: "anthropic", modelID: "sonnet" });
    // An inherited object key is not a model.
    expect(hasModel(MODELS, { providerID: "zen", modelID: "toString" })).toBe(false);
  });

  it("compares model references by value", () => {
    expect(sameModel({ providerID: "a", modelID: "b" }, { providerID: "a", modelID: "b" })).toBe(
      true,
    );
    expect(sameModel({ providerID: "a", modelID: "b" }, { providerID: "a", modelID: "c" })).toBe(
      false,
    );
    expect(sameModel(undefined, { providerID: "a", modelID: "b" })).toBe(false);
  });
});

describe("agents", () => {
  it("offers primary and all-mode agents, not subagents or hidden ones", () => {
    expect(pickableAgents(AGENTS).map((a) => a.name)).toEqual(["build", "plan", "mine"]);
  });

  it("prefers the pick, then the session's last agent, then build, then the first", () => {
    expect(resolveAgent(AGENTS, "plan", "mine")).toBe("plan");
    expect(resolveAgent(AGENTS, null, "mine")).toBe("mine");
    expect(resolveAgent(AGENTS, null, null)).toBe("build");
    expect(resolveAgent(AGENTS.slice(3), null, null)).toBe("plan");
    expect(resolveAgent([], null, null)).toBeUndefined();
  });

  it("never resolves to a subagent or hidden agent", () => {
    expect(resolveAgent(AGENTS, "explore", "compaction")).toBe("build");
  });

  it("cycles through the agents a person may pick, as the TUI's agent.cycle does", () => {
    expect(nextAgent(AGENTS, "build")).toBe("plan");
    expect(nextAgent(AGENTS, "mine")).toBe("build");
    // From none, or from one that cannot be picked: the first.
    expect(nextAgent(AGENTS, undefined)).toBe("build");
    expect(nextAgent(AGENTS, "explore")).toBe("build");
    expect(nextAgent([], "build")).toBeUndefined();
  });
});
