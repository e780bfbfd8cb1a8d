// The last 30 days as bars, one per local day, stacked by model: hand-drawn SVG (no chart library
// for one plot). The picture is one image to assistive technology, named by a sentence that says
// what it shows; the same numbers follow in a table, and the legend is plain text.
import { For, Show } from "solid-js";
import { formatTick, formatValue, niceMax, shortDay, summaryOf, type DayBar, type Plot } from "./usageModel";

// The drawing's own units; the SVG scales to the panel's width.
const WIDTH = 640;
const HEIGHT = 180;
const LEFT = 56;
/** Room for half of today's label, centred under the last bar. */
const RIGHT = 18;
const TOP = 8;
const BOTTOM = 22;
const INNER_W = WIDTH - LEFT - RIGHT;
const INNER_H = HEIGHT - TOP - BOTTOM;
/** Of a day's slot, the part its bar takes. */
const BAR_FILL = 0.7;
/** An x-axis label every week, counted back from today, so today always has one. */
const LABEL_EVERY = 7;

export interface UsagePlotProps {
  plot: Plot;
}

const colourClass = (plot: Plot, series: string) => {
  const colour = plot.series.find((s) => s.key === series)?.colour ?? -1;
  return colour < 0 ? "usage-series-other" : `usage-series-${String(colour)}`;
};

const labelOf = (plot: Plot, series: string) => plot.series.find((s) => s.key === series)?.label ?? series;

/** A bar's tooltip: the day, its total and each model's part. */
function describe(plot: Plot, bar: DayBar): string {
  const head = `${shortDay(bar.day)}: ${formatValue(bar.total, plot.metric)}`;
  if (bar.segments.length === 0) return head;
  const parts = bar.segments.map((s) => `${labelOf(plot, s.series)} ${formatValue(s.value, plot.metric)}`);
  return `${head} (${parts.join(", ")})`;
}

export default function UsagePlot(props: UsagePlotProps) {
  const top = () => niceMax(props.plot.max);
  const slot = () => INNER_W / Math.max(1, props.plot.days.length);
  const y = (value: number) => TOP + INNER_H - (value / top()) * INNER_H;
  const ticks = () => [0, top() / 2, top()];
  const labelled = (index: number) => (props.plot.days.length - 1 - index) % LABEL_EVERY === 0;
  /** Bottom-up rectangles of one bar. */
  const stack = (bar: DayBar, index: number) => {
    const width = slot() * BAR_FILL;
    const x = LEFT + index * slot() + (slot() - width) / 2;
    let below = 0;
    return bar.segments.map((segment) => {
      const from = below;
      below += segment.value;
      return { segment, x, width, y: y(below), height: y(from) - y(below) };
    });
  };

  return (
    <div class="usage-plot">
      <Show
        when={props.plot.total > 0}
        fallback={<p class="terminals-hint">Nothing in the last {props.plot.days.length} days.</p>}
      >
        <svg
          class="usage-plot-svg"
          viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`}
          role="img"
          aria-label={summaryOf(props.plot)}
        >
          <For each={ticks()}>
            {(tick) => (
              <g class="usage-tick">
                <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
                <text x={LEFT - 6} y={y(tick)} text-anchor="end" dominant-baseline="middle">
                  {formatTick(tick, props.plot.metric)}
                </text>
              </g>
            )}
          </For>
          <For each={props.plot.days}>
            {(bar, index) => (
              <g class="usage-day" data-day={bar.day} data-total={bar.total}>
                <title>{describe(props.plot, bar)}</title>
                {/* The whole slot, so a day without usage has a tooltip too. */}
                <rect class="usage-slot" x={LEFT + index() * slot()} y={TOP} width={slot()} height={INNER_H} />
                <For each={stack(bar, index())}>
                  {(piece) => (
                    <rect
                      class={`usage-bar ${colourClass(props.plot, piece.segment.series)}`}
                      data-series={piece.segment.series}
                      data-value={piece.segment.value}
                      x={piece.x}
                      y={piece.y}
                      width={piece.width}
                      height={Math.max(0, piece.height)}
                    />
                  )}
                </For>
                <Show when={labelled(index())}>
                  <text
                    class="usage-day-label"
                    x={LEFT + (index() + 0.5) * slot()}
                    y={HEIGHT - 6}
                    text-anchor="middle"
                  >
                    {shortDay(bar.day)}
                  </text>
                </Show>
              </g>
            )}
          </For>
        </svg>
        <ul class="usage-legend" aria-label="Models in the plot">
          <For each={props.plot.series}>
            {(series) => (
              <li>
                <span class={`usage-swatch ${colourClass(props.plot, series.key)}`} aria-hidden="true" />
                {series.label}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.plot.total > 0}>
        <details class="usage-days">
          <summary>Per day as a table</summary>
          <table class="usage-table">
            <caption class="visually-hidden">
              {props.plot.metric === "cost" ? "Cost" : "Tokens"} per day, last {props.plot.days.length} days
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" class="num">
                  {props.plot.metric === "cost" ? "Cost" : "Tokens"}
                </th>
                <th scope="col">By model</th>
              </tr>
            </thead>
            <tbody>
              {/* Newest first, days with usage only: thirty rows of mostly zeros say less. */}
              <For each={props.plot.days.filter((bar) => bar.total > 0).reverse()}>
                {(bar) => (
                  <tr data-day={bar.day}>
                    <th scope="row">{shortDay(bar.day)}</th>
                    <td class="num">{formatValue(bar.total, props.plot.metric)}</td>
                    <td>
                      {bar.segments
                        .map((s) => `${labelOf(props.plot, s.series)} ${formatValue(s.value, props.plot.metric)}`)
                        .join(", ")}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </details>
      </Show>
    </div>
  );
}
