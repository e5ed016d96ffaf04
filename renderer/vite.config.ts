import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built on its own (scripts/build.mjs passes this file as configFile), so paths
// are anchored to this folder rather than to the working directory. `import.meta.dirname` keeps
// the config free of node: imports (renderer/ must not reach for Node APIs).
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the same build is loaded from a custom protocol in Electron and from
  // the loopback bridge in a browser.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Chromium supports modulepreload natively; skipping the polyfill keeps the output free of
    // anything a strict `script-src 'self'` CSP could object to.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: { strictPort: true },
});
