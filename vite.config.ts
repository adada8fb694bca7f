import { defineConfig } from 'vite';

// The renderer: React, bundled into desktop/renderer/dist, which `reelshelf serve` (browser mode)
// and Electron's app:// protocol both serve. No dev-server-only features are relied on.
export default defineConfig({
  root: 'desktop/renderer',
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inline nothing: the Content-Security-Policy allows scripts, styles and images from 'self' only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
