import { defineConfig } from 'vite';

// The renderer. Until the React UI lands it is one static page that `reelshelf serve`
// serves as is; `vite build` bundles it into desktop/renderer/dist for packaging.
export default defineConfig({
  root: 'desktop/renderer',
  build: { outDir: 'dist', emptyOutDir: true },
});
