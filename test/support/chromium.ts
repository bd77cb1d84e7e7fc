import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Flags for Debian's Chromium on a machine with no GPU and no outside network (see README, "Tests"). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium the tests drive: Debian's, or `CHROMIUM_PATH`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Options of {@link launchChromium}. */
export interface LaunchOptions {
  /**
   * `--enable-unsafe-webgpu` without `--disable-gpu`: headless Chromium then offers a SwiftShader
   * WebGPU adapter (software, no `shader-f16`), enough to run WebGPU code paths on a machine with no GPU.
   */
  readonly webgpu?: boolean;
}

/** Launches headless Chromium with a fresh profile directory; `close()` removes it. */
export const launchChromium = async (options: LaunchOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  const profile = mkdtempSync(join(tmpdir(), 'hayloft-chromium-'));
  const args = options.webgpu ? [...chromiumArgs.filter((flag) => flag !== '--disable-gpu'), '--enable-unsafe-webgpu'] : chromiumArgs;
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/**
 * Lets a context reach 127.0.0.1 only: every other request is aborted and its URL listed in the
 * array returned, which tests assert empty.
 */
export const blockOutsideRequests = async (context: BrowserContext): Promise<string[]> => {
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  return blocked;
};
