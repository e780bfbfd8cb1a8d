// The MCP servers panel: the servers of the server's current project with their state, Connect /
// Disconnect, Authenticate for those that need a sign-in (Rust opens the page in the browser; the
// OpenCode server catches the redirect itself, so the list is looked at again every 2 s until the
// server leaves "needs sign-in", for up to 5 minutes), and the "Add MCP server" form. Everything
// from the backend comes in through props, so tests pass fakes.
import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from "solid-js";
import Feedback from "../../components/Feedback";
import type { McpAddOutcome, McpAuthStarted, McpServerInput, McpServerView } from "../../ipc/mcp";
import McpAddForm from "./McpAddForm";
import McpServerCard from "./McpServerCard";
import "../terminals/terminals.css";
import "./mcp.css";

export interface McpViewProps {
  /** The server shown: the MCP servers of its current project. */
  serverId: string | undefined;
  listMcpServers: (serverId: string) => Promise<McpServerView[]>;
  addMcpServer: (serverId: string, input: McpServerInput) => Promise<McpAddOutcome>;
  setMcpConnected: (serverId: string, name: string, connected: boolean) => Promise<McpServerView[]>;
  /** Opens a server's sign-in page in the system browser (Rust does it). */
  startMcpAuth: (serverId: string, name: string) => Promise<McpAuthStarted>;
  mcpAuthCallback: (serverId: string, name: string, code: string) => Promise<McpServerView[]>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const WAIT_EVERY_MS = 2000;
const WAIT_AT_MOST = 150;

export default function McpView(props: McpViewProps) {
  const headingId = createUniqueId();
  const [servers, setServers] = createSignal<McpServerView[]>();
  const [loadError, setLoadError] = createSignal<string>();
  // The servers whose sign-in page was opened, each with what was opened (to show and copy).
  const [waiting, setWaiting] = createSignal<ReadonlyMap<string, McpAuthStarted>>(new Map());

  const server = () => {
    const id = props.serverId;
    if (id === undefined) throw new Error("No OpenCode server is connected yet.");
    return id;
  };

  let loads = 0;
  const show = (listed: McpServerView[]) => {
    loads++;
    setServers(listed);
    setLoadError(undefined);
    // A server that left "needs sign-in" is no longer waited for.
    const still = [...waiting()].filter(([name]) =>
      listed.some((s) => s.name === name && s.status.status === "needs_auth"),
    );
    if (still.length !== waiting().size) setWaiting(new Map(still));
  };
  const load = async () => {
    const serverId = props.serverId;
    if (serverId === undefined) return;
    // Only the newest answer counts: an older one may finish last.
    const mine = ++loads;
    try {
      const listed = await props.listMcpServers(serverId);
      if (mine === loads) show(listed);
    } catch (e) {
      if (mine === loads) setLoadError(messageOf(e));
    }
  };
  onMount(() => void load());

  let polls = 0;
  const timer = setInterval(() => {
    if (waiting().size === 0) return;
    if (++polls > WAIT_AT_MOST) {
      setWaiting(new Map());
      return;
    }
    void load();
  }, WAIT_EVERY_MS);
  onCleanup(() => {
    clearInterval(timer);
  });

  const authenticate = async (name: string) => {
    const started = await props.startMcpAuth(server(), name);
    polls = 0;
    setWaiting(new Map([...waiting(), [name, started]]));
  };

  return (
    <section class="terminals-view mcp-view" aria-labelledby={headingId}>
      <h2 id={headingId}>MCP servers</h2>
      <p class="terminals-hint">
        Tools the agent can use, from programs on this machine or services on the web. Added servers
        are saved in your OpenCode config.
      </p>
      <Feedback error={loadError()} />
      <Show
        when={servers()}
        fallback={
          <Show when={!loadError()}>
            <p class="terminals-hint">
              {props.serverId === undefined ? "No OpenCode server is connected yet." : "Loading MCP servers…"}
            </p>
          </Show>
        }
      >
        {(listed) => (
          <>
            <Show when={listed().length === 0}>
              <p class="terminals-hint">No MCP server yet: add one below to give the agent more tools.</p>
            </Show>
            <ul class="terminals-list mcp-list" aria-label="MCP servers">
              <For each={listed()}>
                {(item) => (
                  <li>
                    <McpServerCard
                      server={item}
                      signIn={waiting().get(item.name)}
                      setConnected={async (connected) => {
                        show(await props.setMcpConnected(server(), item.name, connected));
                      }}
                      authenticate={() => authenticate(item.name)}
                      submitCode={async (code) => {
                        show(await props.mcpAuthCallback(server(), item.name, code));
                      }}
                    />
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
      <McpAddForm
        add={async (input) => {
          const outcome = await props.addMcpServer(server(), input);
          if (outcome.outcome === "added") show(outcome.servers);
          return outcome;
        }}
      />
    </section>
  );
}
