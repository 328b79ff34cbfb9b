import { defineConfig } from 'vite';

// The built UI goes into the module's classes, so the jar serves it under ui/ (see the server's UiAssets).
export default defineConfig({
  base: '/',
  build: {
    outDir: 'target/classes/ui',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
