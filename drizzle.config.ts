import { defineConfig } from 'drizzle-kit';

// Migrations live in resources/ so they ship beside the app (electron-builder extraResources)
// and are found the same way by tests, the CLI and browser mode.
export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src-main/core/db/schema.ts',
    './src-main/core/db/records.ts',
    './src-main/core/db/derived.ts',
    './src-main/core/db/reviewDays.ts',
  ],
  out: './resources/migrations',
});
