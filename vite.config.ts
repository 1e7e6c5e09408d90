// The renderer is built into out/renderer: Electron loads it from disk (hence relative asset paths)
// and the browser-mode bridge serves the same files over 127.0.0.1.
import { defineConfig } from 'vite';
import path from 'node:path';

export default defineConfig({
  root: path.resolve(__dirname, 'renderer'),
  base: './',
  // A fixed JSX setup, so the build does not depend on how a tsconfig is discovered.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // chart.js alone is ~200 KB minified; one bundle loaded from disk is fine for a desktop app.
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1' },
});
