// Vite serves and builds ui/ for the Tauri shell; vitest reads the same file, so tests resolve
// modules exactly as the app does.
import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

export default defineConfig({
  // Pin the root to this folder so `vite` behaves the same whichever directory Tauri starts it from.
  root: import.meta.dirname,
  plugins: [solid()],
  // Tauri prints its own output into the same terminal; clearing would hide Rust errors.
  clearScreen: false,
  // TAURI_ENV_* carries the target platform and debug flag from `tauri dev/build`.
  envPrefix: ["VITE_", "TAURI_ENV_"],
  server: {
    // tauri.conf.json's devUrl points here; fail instead of silently moving to another port.
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Linux runs WebKitGTK, macOS WKWebView: Safari 15 is the oldest engine we ship to.
    target: "safari15",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    // vite-plugin-solid adds the "browser"/"development" conditions under vitest, so components
    // render with solid's DOM build rather than its server build.
    restoreMocks: true,
  },
});
