import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lives in tests/ so the top level stays as the user asked; the root is the repository.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
