// Builds the benchmark page (bench/ui) with the app's own Vite and Solid plugin, for the same
// engine target as the app. bench/node_modules is a link to ui/node_modules (scripts/bench-ui.sh
// makes it), so the page and the app resolve the very same packages.
import solid from "vite-plugin-solid";
import { defineConfig } from "vite";

export default defineConfig({
  root: `${import.meta.dirname}/ui`,
  base: "./",
  plugins: [solid()],
  logLevel: "warn",
  build: {
    outDir: `${import.meta.dirname}/dist`,
    emptyOutDir: true,
    target: "safari15",
    // Readable stacks if a phase fails; the size does not matter here.
    minify: true,
    sourcemap: false,
  },
});
