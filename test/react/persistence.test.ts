import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { serveFixtureApp } from '../support/fixture-app.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { tokenStream, tokenStreamText } from '../support/token-stream.js';

// A 1×1 PNG, as a user would attach it.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

let app: Awaited<ReturnType<typeof serveFixtureApp>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let replay: ReplayServer;

beforeAll(async () => {
  [app, browser, replay] = await Promise.all([serveFixtureApp('react-app'), launchChromium(), startReplayServer({ browser: true })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([app.close(), browser.close(), replay.close()]);
});

const rows = (page: Page) => page.locator('ol[role="log"] > li:not([data-streaming])');
const ready = (page: Page) => page.locator('form[data-status="ready"][data-hydrated="true"]').waitFor();

describe('persisted chats in Chromium', () => {
  it('should bring back threads, branches and images after a page reload', async () => {
    replay.enqueue({ sse: tokenStream(6) }, { sse: tokenStream(9) }, { sse: tokenStream(4) });
    const page = await browser.context.newPage();
    await page.goto(`${app.url}?api=${encodeURIComponent(`${replay.url}/v1`)}&key=reload-test`);
    await ready(page);

    await page.getByLabel('Message').fill('What is BM25?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    await ready(page);
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => rows(page).nth(1).locator('[data-branch]').textContent()).toContain('2 / 2');
    await ready(page);
    await page.getByLabel('Message').fill('And this picture?');
    await page.getByLabel('Attach').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => rows(page).count()).toBe(4);
    await ready(page);
    await page.getByRole('button', { name: 'New thread' }).click();
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => page.getByRole('navigation').getByRole('listitem').count()).toBe(2);
    // The first thread is named after its first question.
    await page.getByRole('navigation').getByRole('button', { name: 'What is BM25?' }).click();
    // What the model saw: the image went out with the message.
    const sent = replay.requests[2]!.json as { messages: Array<{ content: unknown }> };
    expect(JSON.stringify(sent.messages.at(-1))).toContain(png.toString('base64'));

    await page.reload();
    await ready(page);
    await expect.poll(() => rows(page).count()).toBe(4);
    expect(await rows(page).nth(1).locator('p').textContent()).toBe(tokenStreamText(9));
    expect(await rows(page).nth(1).locator('[data-branch]').textContent()).toContain('2 / 2');
    expect(await rows(page).nth(2).locator('img').getAttribute('src')).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(await page.getByRole('navigation').getByRole('button', { name: /^Renamed/ }).count()).toBe(1);
    await rows(page).nth(1).getByRole('button', { name: 'Previous answer' }).click();
    expect(await rows(page).nth(1).locator('p').textContent()).toBe(tokenStreamText(6));
    // Only the four messages: the reload added no empty thread.
    expect(await page.getByRole('navigation').getByRole('listitem').count()).toBe(2);
    await page.close();
  });
});
