// The Settings dialog: the app's own settings and, for the server shown, OpenCode's: providers
// (sign-in), MCP servers, OpenCode's config, what models have cost (Usage), and the app's
// permission rules (Rules), one tab each. Only
// the chosen tab is drawn, so a tab's loads (the provider catalogue, the MCP list, the usage
// report) happen when it is opened.
import Tabs from "../../components/Tabs";
import type { Backend } from "../../ipc";
import type * as Mcp from "../../ipc/mcp";
import type * as OpencodeConfig from "../../ipc/opencodeConfig";
import type * as Usage from "../../ipc/usage";
import McpView from "../mcp/McpView";
import ConfigView from "../opencode-config/ConfigView";
import ProvidersView from "../providers/ProvidersView";
import UsageView from "../usage/UsageView";
import RulesView from "./RulesView";
import SettingsView from "./SettingsView";
import type { OfflineCopiesSizeApi } from "./OfflineCopiesSize";
import type { Settings } from "../../ipc";

export type SettingsTab = "app" | "providers" | "mcp" | "opencode" | "usage" | "rules";

export type McpApi = Pick<
  typeof Mcp,
  "listMcpServers" | "addMcpServer" | "setMcpConnected" | "startMcpAuth" | "mcpAuthCallback"
>;
export type ConfigApi = Pick<typeof OpencodeConfig, "readOpencodeConfig" | "setOpencodeConfigValue">;
export type UsageApi = Pick<typeof Usage, "usageReport" | "sessionUsage">;

export interface SettingsDialogProps {
  tab: SettingsTab;
  onTab: (tab: SettingsTab) => void;
  /** The server whose OpenCode is configured; undefined before one is connected. */
  serverId: string | undefined;
  api: Backend;
  mcp: McpApi;
  config: ConfigApi;
  usage: UsageApi;
  /** The offline copies' size and Clear (App tab). */
  offline?: OfflineCopiesSizeApi;
  /** The app's settings were saved. */
  onSaved: (settings: Settings) => void;
  onClose: () => void;
  /** A change reached the server's models or agents: the composer reads them again. */
  onApplied: () => void;
}

export default function SettingsDialog(props: SettingsDialogProps) {
  return (
    <Tabs<SettingsTab>
      label="Settings"
      chosen={props.tab}
      onChoose={props.onTab}
      tabs={[
        {
          id: "app",
          label: "App",
          panel: () => (
            <SettingsView
              loadSettings={props.api.getSettings}
              saveSettings={props.api.updateSettings}
              settingsProblem={props.api.settingsProblem}
              pickFolder={props.api.pickFolder}
              offlineCopies={props.offline}
              onSaved={props.onSaved}
              onClose={props.onClose}
            />
          ),
        },
        {
          id: "providers",
          label: "Providers",
          panel: () => (
            <ProvidersView
              serverId={props.serverId}
              listProviders={props.api.listProviders}
              setProviderKey={props.api.setProviderKey}
              removeProviderKey={props.api.removeProviderKey}
              startProviderOauth={props.api.startProviderOauth}
              finishProviderOauth={props.api.finishProviderOauth}
              cancelProviderOauth={props.api.cancelProviderOauth}
              onApplied={props.onApplied}
            />
          ),
        },
        {
          id: "mcp",
          label: "MCP servers",
          panel: () => (
            <McpView
              serverId={props.serverId}
              listMcpServers={props.mcp.listMcpServers}
              addMcpServer={props.mcp.addMcpServer}
              setMcpConnected={props.mcp.setMcpConnected}
              startMcpAuth={props.mcp.startMcpAuth}
              mcpAuthCallback={props.mcp.mcpAuthCallback}
            />
          ),
        },
        {
          id: "opencode",
          label: "OpenCode config",
          panel: () => (
            <ConfigView
              serverId={props.serverId}
              readOpencodeConfig={props.config.readOpencodeConfig}
              setOpencodeConfigValue={props.config.setOpencodeConfigValue}
              listModels={props.api.listModels}
              listAgents={props.api.listAgents}
              onApplied={props.onApplied}
            />
          ),
        },
        {
          id: "usage",
          label: "Usage",
          panel: () => <UsageView serverId={props.serverId} usageReport={props.usage.usageReport} />,
        },
        {
          id: "rules",
          label: "Rules",
          panel: () => <RulesView />,
        },
      ]}
    />
  );
}
