import { defineConfig } from 'vite';

// Develop against a running binary: FRONTDESK_URL=http://127.0.0.1:18080 npm run dev
const backend = process.env.FRONTDESK_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    // No inline scripts or data: modules: the server's CSP is script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    manifest: true,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/chat': { target: backend, ws: true },
      '/healthz': backend,
    },
  },
});
