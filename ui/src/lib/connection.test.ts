import { describe, expect, it } from "vitest";
import { connectionLabel, type ConnectionState } from "./connection";

describe("connectionLabel", () => {
  it.each<[ConnectionState, string, string]>([
    ["connecting", "Connecting…", "busy"],
    ["live", "Live", "ok"],
    ["reconnecting", "Reconnecting…", "busy"],
    ["resyncing", "Catching up…", "busy"],
    ["offline", "Offline", "bad"],
  ])("labels %s as %j with tone %s", (state, text, tone) => {
    expect(connectionLabel(state)).toEqual({ text, tone });
  });

  it("only calls the view current when live", () => {
    const states: ConnectionState[] = ["connecting", "live", "reconnecting", "resyncing", "offline"];
    const ok = states.filter((state) => connectionLabel(state).tone === "ok");
    expect(ok).toEqual(["live"]);
  });

  it("throws on a state outside the union instead of showing nothing", () => {
    expect(() => connectionLabel("bogus" as ConnectionState)).toThrow(/bogus/);
  });
});
