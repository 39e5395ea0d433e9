import { defineConfig } from 'drizzle-kit';

// drizzle-kit is used only to generate migrations; the app applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
