// OpenCode's own settings through the door: read them with where each comes from, change one in
// a scope. Results unwrapped; a refusal (a bad value, one the server rejects) thrown as an
// AppError of kind InvalidInput with a sentence to show next to the field.
import {
  commands,
  type CommandError,
  type ConfigChange_Deserialize,
  type ConfigSaved,
  type ConfigValue_Serialize,
  type OpencodeConfigView_Serialize,
  type Origin,
  type PermissionRuleView_Serialize,
  type Scope,
} from "../bindings";
import { toAppError } from "./index";

export type OpencodeConfigView = OpencodeConfigView_Serialize;
export type ConfigValue = ConfigValue_Serialize;
export type PermissionRuleView = PermissionRuleView_Serialize;
export type ConfigChange = ConfigChange_Deserialize;
/** Where a change is written: "project" or "global". */
export type ConfigScope = Scope;
/** Where a value comes from: "project", "global" or "default". */
export type ConfigOrigin = Origin;
export type { ConfigSaved };

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** Every setting of the server's current project, each with its value and origin. */
export async function readOpencodeConfig(serverId: string): Promise<OpencodeConfigView> {
  return unwrap(await commands.readOpencodeConfig(serverId));
}

/** Checks and writes one change to `scope`; what it did, as a sentence. */
export async function setOpencodeConfigValue(
  serverId: string,
  scope: ConfigScope,
  change: ConfigChange,
): Promise<ConfigSaved> {
  return unwrap(await commands.setOpencodeConfigValue(serverId, scope, change));
}
