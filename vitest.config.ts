import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'desktop/**/*.test.ts', 'server/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['e2e/build-ui.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
