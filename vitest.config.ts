import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { labTarget, parseTarget } from './harness/vitest/lab-target.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [labTarget(root, parseTarget(process.env.LAB_TARGET, root))],
  test: {
    include: ['labs/*/*.test.ts', 'harness/**/*.test.ts'],
    globalSetup: ['harness/vitest/global-setup.ts'],
    // Generous bounds: a check that hangs should fail with its own message first.
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
});
