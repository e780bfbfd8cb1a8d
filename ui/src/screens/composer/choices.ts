// The model and agent the next prompt uses: what the user picked, else what the session last used,
// else the server's default; only ever a choice the server offers.
import type { Agent, ConfigProviders, ModelRef } from "../../ipc";

export interface ModelGroup {
  providerID: string;
  providerName: string;
  models: { ref: ModelRef; name: string }[];
}

/** The configured models by provider, in the server's provider order, models by name. */
export function modelGroups(models: ConfigProviders | undefined): ModelGroup[] {
  if (!models) return [];
  return models.providers
    .map((provider) => ({
      providerID: provider.id,
      providerName: provider.name,
      models: Object.entries(provider.models)
        .map(([id, model]) => ({ ref: { providerID: provider.id, modelID: id }, name: model.name }))
        // Numbers as numbers: "GPT-5" before "GPT-10".
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })),
    }))
    .filter((group) => group.models.length > 0);
}

export function sameModel(a: ModelRef | null | undefined, b: ModelRef | null | undefined): boolean {
  return a?.providerID === b?.providerID && a?.modelID === b?.modelID;
}

// Object.hasOwn is newer than the oldest WebKit we ship to (Safari 15.0).
function owns(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function hasModel(models: ConfigProviders | undefined, ref: ModelRef): boolean {
  const provider = models?.providers.find((p) => p.id === ref.providerID);
  return provider !== undefined && owns(provider.models, ref.modelID);
}

/**
 * The server's default: the first provider (in its order) whose default model is configured;
 * failing that, the first model listed.
 */
export function serverDefaultModel(models: ConfigProviders | undefined): ModelRef | undefined {
  if (!models) return undefined;
  for (const provider of models.providers) {
    const modelID = models.default[provider.id];
    if (modelID !== undefined && owns(provider.models, modelID)) {
      return { providerID: provider.id, modelID };
    }
  }
  return modelGroups(models)[0]?.models[0]?.ref;
}

export function resolveModel(
  models: ConfigProviders | undefined,
  picked: ModelRef | null | undefined,
  sessionDefault: ModelRef | null | undefined,
): ModelRef | undefined {
  for (const candidate of [picked, sessionDefault]) {
    if (candidate && hasModel(models, candidate)) return candidate;
  }
  return serverDefaultModel(models);
}

/** The agents a person may pick: primary ones (mode primary or all), not hidden ones. */
export function pickableAgents(agents: readonly Agent[]): Agent[] {
  return agents.filter((agent) => agent.mode !== "subagent" && !agent.hidden);
}

/** The agent after `current` among those a person may pick, round; the first from any other. */
export function nextAgent(agents: readonly Agent[], current: string | undefined): string | undefined {
  const names = pickableAgents(agents).map((agent) => agent.name);
  const at = current === undefined ? -1 : names.indexOf(current);
  return names[(at + 1) % names.length];
}

/** OpenCode's own default agent, used when the session has none yet. */
const DEFAULT_AGENT = "build";

export function resolveAgent(
  agents: readonly Agent[],
  picked: string | null | undefined,
  sessionDefault: string | null | undefined,
): string | undefined {
  const names = pickableAgents(agents).map((agent) => agent.name);
  for (const candidate of [picked, sessionDefault, DEFAULT_AGENT]) {
    if (candidate && names.includes(candidate)) return candidate;
  }
  return names[0];
}
