import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { hayloftAliases } from './scripts/hayloft-aliases.js';
import { chromiumArgs, chromiumPath } from './test/support/chromium.js';

export default defineConfig({
  // Docs and recipes import the package by name, as users do.
  resolve: { alias: hayloftAliases },
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.{ts,tsx}'],
          testTimeout: 20_000,
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.{ts,tsx}'],
          globalSetup: ['test/support/browser-setup.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            // The proxy started in browser-setup.ts allows exactly this origin.
            api: { port: 63315, strictPort: true },
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromiumPath,
                args: chromiumArgs,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
