import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './desktop/core/db/schema.ts',
  out: './desktop/core/db/migrations',
});
