import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { OpenAIChatGenerator } from '../../src/index.js';
import { Chat } from '../../src/components/index.js';
import { replay } from '../support/replay-client.js';
import { useReactRoot } from '../support/react-root.js';
import { tokenStream, tokenStreamText } from '../support/token-stream.js';
import '../../src/components/styles.css';

const react = useReactRoot();
afterEach(() => replay.reset());
const generator = () => new OpenAIChatGenerator({ apiBaseUrl: `${replay.url()}/v1`, maxRetries: 0 });
const $ = (selector: string) => react.container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...react.container.querySelectorAll<HTMLElement>(selector)];
const input = () => react.container.querySelector('textarea')!;
const mountChat = (props: Partial<Parameters<typeof Chat>[0]> = {}) =>
  react.mount(
    <div style={{ height: '480px' }}>
      <Chat generator={generator()} {...props} />
    </div>,
  );

// A 1×1 PNG.
const png = () => new File([Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))], 'dot.png', { type: 'image/png' });

describe('<Chat> in Chromium', () => {
  it('should send with Enter, break lines with Shift+Enter, and give focus back to the input', async () => {
    await replay.enqueue({ sse: tokenStream(5) });
    mountChat();
    await userEvent.click(input());
    await userEvent.keyboard('First line{Shift>}{Enter}{/Shift}second line');
    expect(input().value).toBe('First line\nsecond line');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect($$('[data-role="assistant"][data-status="complete"]')).toHaveLength(1));
    expect($('[data-role="user"]')!.textContent).toContain('First line\nsecond line');
    expect(input().value).toBe('');
    expect(document.activeElement).toBe(input());
    const [request] = await replay.requests();
    expect((request!.json as { messages: Array<{ content: string }> }).messages[0]!.content).toBe('First line\nsecond line');
  });

  it('should stop a streaming answer with Escape and keep what arrived', async () => {
    await replay.enqueue({ sse: tokenStream(40).slice(0, 12), hang: true, done: false });
    mountChat();
    await userEvent.click(input());
    await userEvent.keyboard('Go{Enter}');
    await vi.waitFor(() => expect($('[data-role="assistant"][data-status="streaming"]')?.textContent).toContain('w10'));
    expect($('.hayloft-stop')).not.toBeNull();
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('stopped'));
    expect($('[data-role="assistant"] .hayloft-content')!.textContent).toContain(tokenStreamText(11).trim());
    await vi.waitFor(async () => expect(await replay.disconnects()).toBe(1));
    expect($('.hayloft-send')).not.toBeNull();
  });

  it('should follow a streaming answer until the user scrolls up, then offer a way back', async () => {
    await replay.enqueue({ sse: tokenStream(600, 10), writeDelayMs: 4 });
    mountChat();
    const viewport = $('.hayloft-viewport')!;
    const fromEnd = () => viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight;
    await userEvent.click(input());
    await userEvent.keyboard('Long answer please{Enter}');
    await vi.waitFor(() => expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight * 2), { timeout: 10_000 });
    expect(fromEnd()).toBeLessThan(50);
    expect($('.hayloft-jump')).toBeNull();
    viewport.scrollTop = 0;
    viewport.dispatchEvent(new Event('scroll'));
    await vi.waitFor(() => expect($('.hayloft-jump')).not.toBeNull());
    const height = viewport.scrollHeight;
    await vi.waitFor(() => expect(viewport.scrollHeight).toBeGreaterThan(height + 100), { timeout: 10_000 });
    // The user is reading above: the view stays where they put it.
    expect(viewport.scrollTop).toBe(0);
    $('.hayloft-jump')!.click();
    await vi.waitFor(() => expect(fromEnd()).toBeLessThan(50));
    expect($('.hayloft-jump')).toBeNull();
    await vi.waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('complete'), { timeout: 10_000 });
  });

  it('should attach pasted and dropped images, show them, and send them with the text', async () => {
    await replay.enqueue({ sse: tokenStream(3) });
    mountChat();
    const paste = new DataTransfer();
    paste.items.add(png());
    input().dispatchEvent(new ClipboardEvent('paste', { clipboardData: paste, bubbles: true, cancelable: true }));
    const drop = new DataTransfer();
    drop.items.add(png());
    $('form')!.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect($$('.hayloft-attachments img')).toHaveLength(2));
    $$('.hayloft-attachments button')[1]!.click();
    await vi.waitFor(() => expect($$('.hayloft-attachments img')).toHaveLength(1));
    await userEvent.click(input());
    await userEvent.keyboard('What is this?{Enter}');
    await vi.waitFor(() => expect($$('[data-role="user"] img.hayloft-image')).toHaveLength(1));
    expect($('.hayloft-attachments')).toBeNull();
    const [request] = await replay.requests();
    const content = (request!.json as { messages: Array<{ content: Array<{ type: string }> }> }).messages[0]!.content;
    expect(content.map((part) => part.type)).toEqual(['text', 'image_url']);
  });

  it('should edit a question into a new branch and switch back to the first', async () => {
    await replay.enqueue({ sse: tokenStream(4) }, { sse: tokenStream(7) });
    mountChat();
    await userEvent.click(input());
    await userEvent.keyboard('What is BM25?{Enter}');
    await vi.waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('complete'));
    await userEvent.click($('[data-role="user"] button[aria-label="Edit"]')!);
    expect(input().value).toBe('What is BM25?');
    expect(document.activeElement).toBe(input());
    expect($('form')!.hasAttribute('data-editing')).toBe(true);
    await userEvent.clear(input());
    await userEvent.keyboard('What is TF-IDF?{Enter}');
    await vi.waitFor(() => expect($('[data-role="assistant"] .hayloft-content')?.textContent?.trim()).toBe(tokenStreamText(7).trim()));
    expect($('[data-role="user"] .hayloft-content')!.textContent).toBe('What is TF-IDF?');
    const picker = $('[data-role="user"] [role="group"]')!;
    expect(picker.getAttribute('aria-label')).toBe('2 / 2');
    await userEvent.click(picker.querySelector('button[aria-label="Previous version"]')!);
    await vi.waitFor(() => expect($('[data-role="user"] .hayloft-content')?.textContent).toBe('What is BM25?'));
    expect($('[data-role="assistant"] .hayloft-content')!.textContent?.trim()).toBe(tokenStreamText(4).trim());
  });

  it('should copy an answer to the clipboard', async () => {
    await replay.enqueue({ sse: tokenStream(4) });
    mountChat();
    await userEvent.click(input());
    await userEvent.keyboard('Hi{Enter}');
    await vi.waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('complete'));
    const copied: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation((text) => {
      copied.push(text);
      return Promise.resolve();
    });
    await userEvent.click($('[data-role="assistant"] button[aria-label="Copy"]')!);
    await vi.waitFor(() => expect($('[data-role="assistant"] button[aria-label="Copy"]')?.dataset.state).toBe('copied'));
    expect(copied).toEqual([tokenStreamText(4)]);
  });
});
