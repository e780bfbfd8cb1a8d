// Entry point: one bundle for both windows; the window's label picks what it shows.
import { render } from "solid-js/web";
// First, so every screen's stylesheet (imported with its component) can refine a primitive.
import "./components/primitives.css";
import App from "./App";
import {
  closeQuickPrompt,
  getSettings,
  listTerminals,
  onSettingsChanged,
  onQuickPromptTargetRequested,
  sendQuickPrompt,
  takeQuickPromptTarget,
  windowLabel,
} from "./ipc";
import { markPlatform } from "./lib/platformFonts";
import QuickPrompt from "./screens/quick-prompt/QuickPrompt";
import { followSettings } from "./state/settings";
import "./styles.css";

// For the benchmark (bench/app.mjs): where a launch goes, the bundle's modules evaluated.
performance.mark("launch:modules");

// Before anything renders: the stylesheet's fonts for this platform.
markPlatform(document.documentElement);

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html has no #root element");
}
if (windowLabel() === "quick-prompt") {
  render(() => {
    // The theme the user chose, as in the main window.
    followSettings({ getSettings, onSettingsChanged });
    return (
      <QuickPrompt
        actions={{
          send: sendQuickPrompt,
          close: closeQuickPrompt,
          listTerminals,
          onTargetRequested: onQuickPromptTargetRequested,
          takeTarget: takeQuickPromptTarget,
        }}
      />
    );
  }, root);
} else {
  render(() => <App />, root);
  performance.mark("launch:rendered");
}
