// The Usage tab: what models have cost, as `opencode stats` counts it, for the server's current
// project or all its projects: the totals, the last 30 days as a plot (and a table), and a table
// by provider and model. Rust sums every message the server keeps (ipc/usage.ts). Each scope's
// last report stays shown while it is asked again; the report comes in through props, so tests
// pass fakes.
import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show } from "solid-js";
import EmptyState from "../../components/EmptyState";
import Feedback from "../../components/Feedback";
import type { UsageReport } from "../../ipc/usage";
import { formatCost, formatTokens } from "../../lib/format";
import UsagePlot from "./UsagePlot";
import { byModel, formatCount, formatShare, formatValue, plotOf, sums, tokensOf } from "./usageModel";
import "../terminals/terminals.css";
import "./usage.css";

export interface UsageViewProps {
  /** The server shown: its current project, or every project it knows. */
  serverId: string | undefined;
  usageReport: (serverId: string, allProjects: boolean) => Promise<UsageReport>;
  /** Today, for the plot's 30 days (tests fix it). */
  now?: () => Date;
}

type Scope = "project" | "all";

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function UsageView(props: UsageViewProps) {
  const headingId = createUniqueId();
  const [scope, setScope] = createSignal<Scope>("project");
  const [reports, setReports] = createSignal<Partial<Record<Scope, UsageReport>>>({});
  const [errors, setErrors] = createSignal<Partial<Record<Scope, string>>>({});
  const [loading, setLoading] = createSignal(false);

  let loads = 0;
  const load = async (which: Scope) => {
    const serverId = props.serverId;
    if (serverId === undefined) return;
    // Only the newest answer counts: a toggle back and forth may answer out of order.
    const mine = ++loads;
    setLoading(true);
    try {
      const report = await props.usageReport(serverId, which === "all");
      if (mine !== loads) return;
      setReports((all) => ({ ...all, [which]: report }));
      setErrors((all) => ({ ...all, [which]: undefined }));
    } catch (e) {
      if (mine === loads) setErrors((all) => ({ ...all, [which]: messageOf(e) }));
    } finally {
      if (mine === loads) setLoading(false);
    }
  };
  // Asked when shown, and afresh for another server: its figures are not this one's.
  createEffect(
    on(
      () => props.serverId,
      (_id, before) => {
        if (before !== undefined) {
          setReports({});
          setErrors({});
        }
        void load(scope());
      },
    ),
  );
  const choose = (next: Scope) => {
    setScope(next);
    void load(next);
  };

  const report = () => reports()[scope()];
  /** The report shown, with its totals as numbers. */
  const shownReport = createMemo(() => {
    const shown = report();
    return shown ? { ...shown, sums: sums(shown.totals) } : undefined;
  });
  const plot = createMemo(() => {
    const shown = report();
    return shown ? plotOf(shown, props.now?.() ?? new Date()) : undefined;
  });
  const models = createMemo(() => {
    const shown = report();
    return shown ? byModel(shown) : undefined;
  });

  return (
    <section class="terminals-view usage-view" aria-labelledby={headingId}>
      <div class="usage-head">
        <h2 id={headingId}>Usage</h2>
        <div class="usage-scope" role="group" aria-label="Projects counted">
          <button
            type="button"
            class="btn btn-small"
            aria-pressed={scope() === "project"}
            onClick={() => { choose("project"); }}
          >
            This project
          </button>
          <button
            type="button"
            class="btn btn-small"
            aria-pressed={scope() === "all"}
            onClick={() => { choose("all"); }}
          >
            All projects
          </button>
        </div>
      </div>
      <p class="terminals-hint">
        What the models' replies have cost, from every message the OpenCode server keeps, by the
        day they were written in your time zone.
      </p>
      <Feedback
        error={errors()[scope()]}
        working={loading() && report() ? "Updating…" : undefined}
      />
      <Show
        when={shownReport()}
        fallback={
          <Show when={!errors()[scope()]}>
            <p class="terminals-hint" role="status">
              {props.serverId === undefined ? "No OpenCode server is connected yet." : "Loading usage…"}
            </p>
          </Show>
        }
      >
        {(shown) => (
          <Show
            when={shown().rows.length > 0}
            fallback={
              <EmptyState
                title="No usage yet"
                hint={
                  scope() === "all"
                    ? "Once a model replies in any project, its tokens and cost add up here."
                    : "Once a model replies in this project, its tokens and cost add up here."
                }
              />
            }
          >
            <dl class="usage-totals">
              <div>
                <dt>Cost</dt>
                <dd>{formatCost(shown().sums.cost)}</dd>
              </div>
              <div>
                <dt>Input</dt>
                <dd>{formatTokens(shown().sums.input)}</dd>
              </div>
              <div>
                <dt>Output</dt>
                <dd>{formatTokens(shown().sums.output)}</dd>
              </div>
              <div>
                <dt>Reasoning</dt>
                <dd>{formatTokens(shown().sums.reasoning)}</dd>
              </div>
              <div>
                <dt>Cache read</dt>
                <dd>{formatTokens(shown().sums.cacheRead)}</dd>
              </div>
              <div>
                <dt>Cache write</dt>
                <dd>{formatTokens(shown().sums.cacheWrite)}</dd>
              </div>
              <div>
                <dt>Messages</dt>
                <dd>{formatCount(shown().sums.messages)}</dd>
              </div>
              <div>
                <dt>Sessions</dt>
                <dd>{formatCount(shown().sessions)}</dd>
              </div>
              <Show when={scope() === "all"}>
                <div>
                  <dt>Projects</dt>
                  <dd>{formatCount(shown().projects)}</dd>
                </div>
              </Show>
            </dl>

            <h3 class="usage-subhead">Last 30 days</h3>
            <Show when={plot()}>{(drawn) => <UsagePlot plot={drawn()} />}</Show>

            <h3 class="usage-subhead">By model</h3>
            <Show when={models()}>
              {(grouped) => (
                <div class="usage-table-scroll">
                  <table class="usage-table usage-models">
                    <caption class="visually-hidden">Usage by provider and model, all days</caption>
                    <thead>
                      <tr>
                        <th scope="col">Model</th>
                        <th scope="col" class="num">Messages</th>
                        <th scope="col" class="num">Input</th>
                        <th scope="col" class="num">Output</th>
                        <th scope="col" class="num">Reasoning</th>
                        <th scope="col" class="num">Cache read</th>
                        <th scope="col" class="num">Cache write</th>
                        <th scope="col" class="num">Cost</th>
                        <th scope="col" class="num">
                          {"Share "}
                          <span class="visually-hidden">
                            {grouped().metric === "cost" ? "of cost" : "of tokens"}
                          </span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={grouped().models}>
                        {(model) => (
                          <tr data-model={model.key}>
                            <th scope="row" title={formatValue(tokensOf(model.totals), "tokens")}>
                              <span class="usage-model">{model.modelID}</span>
                              <span class="usage-provider">{model.providerID}</span>
                            </th>
                            <td class="num">{formatCount(model.totals.messages)}</td>
                            <td class="num">{formatTokens(model.totals.input)}</td>
                            <td class="num">{formatTokens(model.totals.output)}</td>
                            <td class="num">{formatTokens(model.totals.reasoning)}</td>
                            <td class="num">{formatTokens(model.totals.cacheRead)}</td>
                            <td class="num">{formatTokens(model.totals.cacheWrite)}</td>
                            <td class="num">{formatCost(model.totals.cost)}</td>
                            <td class="num usage-share">
                              <span class="usage-share-bar" aria-hidden="true">
                                <span style={{ width: `${String(Math.round(model.share * 100))}%` }} />
                              </span>
                              {formatShare(model.share)}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              )}
            </Show>
          </Show>
        )}
      </Show>
    </section>
  );
}
