// Short, locale-independent renderings of numbers the UI shows in tight spots (list rows, the
// status bar). Fixed "en-US" so tests and screenshots do not depend on the machine's locale.

const TOKEN_UNITS = [
  { size: 1e3, suffix: "k" },
  { size: 1e6, suffix: "M" },
  { size: 1e9, suffix: "B" },
] as const;

/** 999 → "999", 1_234 → "1.2k", 1_234_567 → "1.2M". Negative counts make no sense and show as 0. */
export function formatTokens(n: number): string {
  const count = Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0;
  if (count < 1000) {
    return String(count);
  }
  // Walk up the units; stop at the first whose rounded value stays below 1000, so 999_960 reads
  // "1M" rather than "1000k".
  let text = String(count);
  for (const unit of TOKEN_UNITS) {
    const scaled = Math.round((count / unit.size) * 10) / 10;
    if (scaled < 1) {
      break;
    }
    text = `${trimZero(scaled)}${unit.suffix}`;
    if (scaled < 1000) {
      break;
    }
  }
  return text;
}

function trimZero(value: number): string {
  return value.toFixed(1).replace(/\.0$/, "");
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** 0 → "$0.00", 0.004 → "<$0.01" (a real but tiny spend should not read as free), 1234.5 → "$1,234.50". */
export function formatCost(dollars: number): string {
  if (!Number.isFinite(dollars) || dollars <= 0) {
    return usd.format(0);
  }
  if (dollars < 0.01) {
    return "<$0.01";
  }
  return usd.format(dollars);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `atMs` was, seen from `nowMs` (both epoch milliseconds): "just now", "42s ago",
 * "5 min ago", "3 h ago", "1 day ago", "12 days ago". Takes `nowMs` so callers and tests control time.
 */
export function relativeAge(atMs: number, nowMs: number): string {
  // Clocks of server and client can disagree by a little; a future time reads as "just now".
  const age = Math.max(0, nowMs - atMs);
  if (age < 5 * SECOND) {
    return "just now";
  }
  if (age < MINUTE) {
    return `${Math.floor(age / SECOND)}s ago`;
  }
  if (age < HOUR) {
    return `${Math.floor(age / MINUTE)} min ago`;
  }
  if (age < DAY) {
    return `${Math.floor(age / HOUR)} h ago`;
  }
  const days = Math.floor(age / DAY);
  return days === 1 ? "1 day ago" : `${days} days ago`;
}
