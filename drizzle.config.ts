// drizzle-kit reads this to generate SQL migrations from the schema: `npm run db:generate`.
// Migrations ship in resources/migrations and are applied when the database opens (src/main/core/db/open.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/core/db/schema.ts',
  out: './resources/migrations'
});
