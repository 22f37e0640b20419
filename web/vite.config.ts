import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

// The web UI, built into dist/web and served by `nianbao serve` (no CDN: intranets). `@lib` is
// the library's own source (src/): the statutory layout (render/layout.ts) and the report codec
// are the same modules the server and the renderers use.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [vue()],
  resolve: { alias: { "@lib": fileURLToPath(new URL("../src", import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // No inline scripts or styles anywhere (the server's Content-Security-Policy forbids them).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
