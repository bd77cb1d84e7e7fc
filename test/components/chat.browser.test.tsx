import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { OpenAIChatGenerator } from '../../src/index.js';
import { Chat } from '../../src/components/index.js';
import { replay } from '../support/replay-client.js';
import { useReactRoot, waitFor } from '../support/react-root.js';
import { tokenStream, tokenStreamText } from '../support/token-stream.js';
import '../../src/components/styles.css';

/** A button by its accessible name: its aria-label, else its text. */
const named = (label: string, scope: ParentNode = document) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].filter((node) => (node.getAttribute('aria-label') ?? node.textContent?.trim()) === label);

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

/** A reply that sends 12 of its 40 tokens, then nothing more until the client goes. */
const hangingReply = () => ({ sse: tokenStream(40).slice(0, 12), hang: true, done: false });
/** Sends `text` from the focused input and waits until the answer streams, its first tokens shown. */
const sendAndWaitForStreaming = async (text: string) => {
  await userEvent.keyboard(`${text}{Enter}`);
  await waitFor(() => expect($('[data-role="assistant"][data-status="streaming"]')?.textContent).toContain('w10'));
};

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
    await waitFor(() => expect($$('[data-role="assistant"][data-status="complete"]')).toHaveLength(1));
    expect($('[data-role="user"]')!.textContent).toContain('First line\nsecond line');
    expect(input().value).toBe('');
    expect(document.activeElement).toBe(input());
    const [request] = await replay.requests();
    expect((request!.json as { messages: Array<{ content: string }> }).messages[0]!.content).toBe('First line\nsecond line');
  });

  it('should stop a streaming answer with Escape and keep what arrived', async () => {
    await replay.enqueue(hangingReply());
    mountChat();
    await userEvent.click(input());
    await sendAndWaitForStreaming('Go');
    expect($('.hayloft-stop')).not.toBeNull();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('stopped'));
    expect($('[data-role="assistant"] .hayloft-content')!.textContent).toContain(tokenStreamText(11).trim());
    await waitFor(async () => expect(await replay.disconnects()).toBe(1));
    expect($('.hayloft-send')).not.toBeNull();
  });

  it('should show a cursor after the text being written, and none once the answer ends', async () => {
    await replay.enqueue(hangingReply());
    mountChat();
    await userEvent.click(input());
    await sendAndWaitForStreaming('Go');
    const cursor = (role: string) => getComputedStyle($(`[data-role="${role}"] .hayloft-content > :last-child`)!, '::after');
    expect(cursor('assistant').content).toBe('""');
    expect(cursor('assistant').display).toBe('inline-block');
    expect(cursor('user').content).toBe('none');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('stopped'));
    expect(cursor('assistant').content).toBe('none');
  });

  it('should follow a streaming answer until the user scrolls up, then offer a way back', async () => {
    await replay.enqueue({ sse: tokenStream(600, 10), writeDelayMs: 4 });
    mountChat();
    const viewport = $('.hayloft-viewport')!;
    const fromEnd = () => viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight;
    await userEvent.click(input());
    await userEvent.keyboard('Long answer please{Enter}');
    await waitFor(() => expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight * 2), 10_000);
    expect(fromEnd()).toBeLessThan(50);
    expect($('.hayloft-jump')).toBeNull();
    viewport.scrollTop = 0;
    viewport.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect($('.hayloft-jump')).not.toBeNull());
    const height = viewport.scrollHeight;
    await waitFor(() => expect(viewport.scrollHeight).toBeGreaterThan(height + 100), 10_000);
    // The user is reading above: the view stays where they put it.
    expect(viewport.scrollTop).toBe(0);
    $('.hayloft-jump')!.click();
    await waitFor(() => expect(fromEnd()).toBeLessThan(50));
    expect($('.hayloft-jump')).toBeNull();
    await waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('complete'), 10_000);
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
    await waitFor(() => expect($$('.hayloft-attachments img')).toHaveLength(2));
    $$('.hayloft-attachments button')[1]!.click();
    await waitFor(() => expect($$('.hayloft-attachments img')).toHaveLength(1));
    await userEvent.click(input());
    await userEvent.keyboard('What is this?{Enter}');
    await waitFor(() => expect($$('[data-role="user"] img.hayloft-image')).toHaveLength(1));
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
    await waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('complete'));
    await userEvent.click(named('Edit', $('[data-role="user"]')!)[0]!);
    expect(input().value).toBe('What is BM25?');
    expect(document.activeElement).toBe(input());
    expect($('form')!.hasAttribute('data-editing')).toBe(true);
    await userEvent.clear(input());
    await userEvent.keyboard('What is TF-IDF?{Enter}');
    await waitFor(() => expect($('[data-role="assistant"] .hayloft-content')?.textContent?.trim()).toBe(tokenStreamText(7).trim()));
    expect($('[data-role="user"] .hayloft-content')!.textContent).toBe('What is TF-IDF?');
    const picker = $('[data-role="user"] [role="group"]')!;
    expect(picker.getAttribute('aria-label')).toBe('2 / 2');
    await userEvent.click(picker.querySelector('button[aria-label="Previous version"]')!);
    await waitFor(() => expect($('[data-role="user"] .hayloft-content')?.textContent).toBe('What is BM25?'));
    expect($('[data-role="assistant"] .hayloft-content')!.textContent?.trim()).toBe(tokenStreamText(4).trim());
  });

  it('should let a question be edited while an answer streams, and send the edit once the answer is stopped', async () => {
    await replay.enqueue({ sse: tokenStream(3) }, hangingReply(), { sse: tokenStream(5) });
    mountChat();
    await userEvent.click(input());
    await userEvent.keyboard('First{Enter}');
    await waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('complete'));
    await sendAndWaitForStreaming('Second');
    const edit = named('Edit', $$('[data-role="user"]')[0])[0]!;
    expect(edit.disabled).toBe(false);
    await userEvent.click(edit);
    expect(input().value).toBe('First');
    expect($('form')!.hasAttribute('data-editing')).toBe(true);
    // Sending waits for the answer: the button is Stop while it streams, and Enter does nothing.
    expect($('.hayloft-send')).toBeNull();
    await userEvent.keyboard(' again{Enter}');
    expect(input().value).toBe('First again');
    await userEvent.click($('.hayloft-stop')!);
    await waitFor(() => expect($$('[data-role="assistant"]')[1]?.dataset.status).toBe('stopped'));
    expect(input().value).toBe('First again');
    await userEvent.click($('.hayloft-send')!);
    await waitFor(() => expect($('[data-role="assistant"] .hayloft-content')?.textContent?.trim()).toBe(tokenStreamText(5).trim()));
    expect($$('[data-role="user"]').map((node) => node.querySelector('.hayloft-content')!.textContent)).toEqual(['First again']);
    expect($('[data-role="user"] [role="group"]')!.getAttribute('aria-label')).toBe('2 / 2');
  });

  it('should copy an answer to the clipboard', async () => {
    await replay.enqueue({ sse: tokenStream(4) });
    mountChat();
    await userEvent.click(input());
    await userEvent.keyboard('Hi{Enter}');
    await waitFor(() => expect($('[data-role="assistant"]')?.dataset.status).toBe('complete'));
    const copied: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation((text) => {
      copied.push(text);
      return Promise.resolve();
    });
    const copy = named('Copy', $('[data-role="assistant"]')!)[0]!;
    await userEvent.click(copy);
    await waitFor(() => expect(copy.dataset.state).toBe('copied'));
    expect(copied).toEqual([tokenStreamText(4)]);
  });
});

describe('ChatPrimitive.Input, controlled', () => {
  it('should show the value it is given, report typing, and report the clear after sending', async () => {
    await replay.enqueue({ sse: tokenStream(3) });
    const { ChatPrimitive } = await import('../../src/components/index.js');
    const { useChatGenerator } = await import('../../src/react/index.js');
    const { useState } = await import('react');
    const seen: string[] = [];
    let setText: (value: string) => void = () => undefined;
    function Custom() {
      const chat = useChatGenerator({ generator: generator() });
      const [text, set] = useState('Draft from the app');
      setText = set;
      return (
        <ChatPrimitive.Root chat={chat}>
          <ChatPrimitive.Messages />
          <ChatPrimitive.Composer>
            <ChatPrimitive.Input value={text} onValueChange={(next) => { seen.push(next); set(next); }} />
            <ChatPrimitive.Send />
          </ChatPrimitive.Composer>
        </ChatPrimitive.Root>
      );
    }
    react.mount(<Custom />);
    expect(input().value).toBe('Draft from the app');
    await userEvent.click(input());
    await userEvent.keyboard('{End}!');
    expect(seen.at(-1)).toBe('Draft from the app!');
    setText('Replaced');
    await waitFor(() => expect(input().value).toBe('Replaced'));
    await userEvent.click(named('Send')[0]!);
    await waitFor(() => expect($('[data-role="user"]')?.textContent).toBe('Replaced'));
    expect(seen.at(-1)).toBe('');
    expect(input().value).toBe('');
  });
});

describe('ChatPrimitive.Messages in a long thread', () => {
  it('should render each finished message once, keep the draft row for the finished answer, and keep rows as direct children', async () => {
    await replay.enqueue({ sse: tokenStream(600, 10), writeDelayMs: 1 });
    const { ChatPrimitive } = await import('../../src/components/index.js');
    const { useChatGenerator } = await import('../../src/react/index.js');
    const { ChatMessage } = await import('../../src/index.js');
    const history = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? ChatMessage.fromUser(`Question ${i}`) : ChatMessage.fromAssistant(`Answer ${i}`)));
    const renders = new Map<unknown, number>();
    let send: (text: string) => Promise<void> = () => Promise.resolve();
    function LongThread() {
      const chat = useChatGenerator({ generator: generator(), initialMessages: history });
      send = (text) => chat.send(text);
      return (
        <ChatPrimitive.Root chat={chat}>
          <ChatPrimitive.Messages>
            {(message) => {
              renders.set(message, (renders.get(message) ?? 0) + 1);
              return <p data-row={message.role}>{message.text}</p>;
            }}
          </ChatPrimitive.Messages>
        </ChatPrimitive.Root>
      );
    }
    react.mount(<LongThread />);
    const log = $('[role="log"]')!;
    expect([...log.children].map((row) => row.textContent)).toEqual(history.map((message) => message.text));
    const sending = send('Long answer please');
    await waitFor(() => expect(log.children[201]?.textContent).toContain('w100'));
    const draftRow = log.children[201];
    await sending;
    await waitFor(() => expect(log.children[201]?.textContent).toBe(tokenStreamText(600, 10)));
    // The finished answer is the row the draft was written in, not a new one.
    expect(log.children[201]).toBe(draftRow);
    expect(log.children).toHaveLength(202);
    expect(log.children[200]?.textContent).toBe('Long answer please');
    for (const message of history) expect(renders.get(message)).toBe(1);
  });
});
