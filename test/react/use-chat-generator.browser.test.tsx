import { memo } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatMessage, OpenAIChatGenerator, Tool } from '../../src/index.js';
import {
  ChatProvider,
  HayloftProvider,
  useChatController,
  useChatGenerator,
  useChatMessages,
  useChatStatus,
  useMessageBranch,
  useStreamingMessage,
  type UseChatGeneratorOptions,
  type UseChatGeneratorResult,
} from '../../src/react/index.js';
import { Boundary, useReactRoot, waitFor } from '../support/react-root.js';
import { replay } from '../support/replay-client.js';
import { tokenStream, tokenStreamText } from '../support/token-stream.js';

const generator = () => new OpenAIChatGenerator({ apiBaseUrl: `${replay.url()}/v1`, maxRetries: 0 });

const react = useReactRoot();
const { mount } = react;
afterEach(() => replay.reset());
const $ = (selector: string) => react.container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...react.container.querySelectorAll<HTMLElement>(selector)];

/** Render counts, per component and per message. */
const renders = { app: 0, list: 0, draft: 0, status: 0, rows: new Map<ChatMessage, number>() };
const resetRenders = () => {
  renders.app = renders.list = renders.draft = renders.status = 0;
  renders.rows.clear();
};

const Row = memo(function Row({ message }: { message: ChatMessage }) {
  renders.rows.set(message, (renders.rows.get(message) ?? 0) + 1);
  const branch = useMessageBranch(message);
  return (
    <div data-row={message.role} data-stopped={message.meta.stopped === true ? '' : undefined}>
      <p>{message.text ?? message.toolCallResult?.result}</p>
      {branch.count > 1 && (
        <nav>
          <span data-branch>{`${branch.index + 1} / ${branch.count}`}</span>
          <button type="button" data-prev onClick={() => branch.switchTo(branch.index - 1)}>Previous</button>
        </nav>
      )}
    </div>
  );
});

function List() {
  renders.list += 1;
  return useChatMessages().map((message, index) => <Row key={index} message={message} />);
}

function Draft() {
  renders.draft += 1;
  const draft = useStreamingMessage();
  return draft ? <p data-draft>{draft.text}</p> : null;
}

function Status() {
  renders.status += 1;
  const { status, pendingToolCalls } = useChatStatus();
  const chat = useChatController();
  return (
    <div data-status={status}>
      <button type="button" data-stop onClick={() => chat.stop()}>Stop</button>
      {pendingToolCalls.map((call) => (
        <button type="button" key={call.id} data-approve onClick={() => void chat.approveToolCall(call.id ?? undefined)}>
          {`Approve ${call.toolName}`}
        </button>
      ))}
    </div>
  );
}

let chat: UseChatGeneratorResult;
function App(options: UseChatGeneratorOptions) {
  renders.app += 1;
  chat = useChatGenerator(options);
  return (
    <ChatProvider chat={chat}>
      <List />
      <Draft />
      <Status />
    </ChatProvider>
  );
}

const longThread = Array.from({ length: 200 }, (_, i) =>
  i % 2 === 0 ? ChatMessage.fromUser(`Question ${i}`) : ChatMessage.fromAssistant(`Answer ${i}`),
);

describe('useChatGenerator in Chromium', () => {
  it('should render only the message being written while 2,000 tokens stream into a 200-message thread', async () => {
    await replay.enqueue({ sse: tokenStream(2000), writeDelayMs: 0 });
    mount(<App generator={generator()} initialMessages={longThread} />);
    expect($$('[data-row]')).toHaveLength(200);
    resetRenders();
    let frames = 0;
    let counting = true;
    const countFrames = () => {
      frames += 1;
      if (counting) requestAnimationFrame(countFrames);
    };
    requestAnimationFrame(countFrames);

    const started = performance.now();
    await chat.send('Write a long answer');
    const elapsed = performance.now() - started;
    counting = false;
    await waitFor(() => expect($$('[data-row]')).toHaveLength(202));

    for (const message of longThread) expect(renders.rows.get(message) ?? 0).toBe(0);
    const [question, answer] = chat.messages.slice(-2);
    expect(renders.rows.get(question!)).toBe(1);
    expect(renders.rows.get(answer!)).toBe(1);
    expect(answer!.text).toBe(tokenStreamText(2000));
    expect($$('[data-row]').at(-1)!.textContent).toBe(tokenStreamText(2000));
    // The component that called the hook read no field: it never re-rendered.
    expect(renders.app).toBe(0);
    // The draft re-rendered at most once per frame (or, where frames were over 32 ms late, once per
    // 32 ms at most), and far less often than tokens arrived.
    expect(renders.draft).toBeGreaterThan(1);
    expect(renders.draft).toBeLessThanOrEqual(frames + 2 + Math.floor(elapsed / 32));
    expect(renders.draft).toBeLessThan(500);
    // The list re-rendered for the question and the answer; status for submitted, streaming, ready.
    expect(renders.list).toBe(2);
    expect(renders.status).toBeLessThanOrEqual(3);
    expect(chat.usage).toMatchObject({ completionTokens: 2000, promptTokens: 12 });
  });

  it('should re-render a component that reads a field only when that field changes', async () => {
    await replay.enqueue({ sse: tokenStream(300), writeDelayMs: 0 });
    const seen: string[] = [];
    function StatusOnly() {
      const result = useChatGenerator({ generator: generator() });
      chat = result;
      seen.push(result.status);
      return null;
    }
    mount(<StatusOnly />);
    await chat.send('Hi');
    await waitFor(() => expect(seen.at(-1)).toBe('ready'));
    expect(seen).toEqual(['ready', 'submitted', 'streaming', 'ready']);
  });

  it('should stop mid-stream from a button, keep the partial answer marked as stopped, and close the connection', async () => {
    await replay.enqueue({ sse: tokenStream(50).slice(0, 20), hang: true, done: false });
    mount(<App generator={generator()} />);
    const sending = chat.send('Hi');
    await waitFor(() => expect($('[data-draft]')?.textContent).toContain('w10'));
    $('[data-stop]')!.click();
    await sending;
    await waitFor(() => expect($('[data-status]')!.dataset.status).toBe('ready'));
    const answer = $$('[data-row]').at(-1)!;
    expect(answer.dataset.stopped).toBe('');
    expect(answer.textContent).toBe(tokenStreamText(19));
    expect($('[data-draft]')).toBeNull();
    await waitFor(async () => expect(await replay.disconnects()).toBe(1));
  });

  it('should hold a tool call for approval, run it on a click, and continue', async () => {
    await replay.enqueue({ sseFixture: 'openai/tool-calls' }, { sseFixture: 'openai/text' });
    const cities: string[] = [];
    const weather = new Tool({
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      invoke: ({ city }) => {
        cities.push(String(city));
        return `Sunny in ${String(city)}`;
      },
    });
    mount(<App generator={generator()} tools={[weather]} requireToolApproval />);
    await chat.send('Weather?');
    await waitFor(() => expect($('[data-status]')!.dataset.status).toBe('awaiting-approval'));
    expect(cities).toEqual([]);
    expect($('[data-approve]')!.textContent).toBe('Approve get_weather');
    $('[data-approve]')!.click();
    await waitFor(() => expect($$('[data-row]').map((row) => row.dataset.row)).toEqual(['user', 'assistant', 'tool', 'assistant']));
    expect(cities).toHaveLength(1);
    expect($$('[data-row]')[2]!.textContent).toBe(`Sunny in ${cities[0]!}`);
    expect($('[data-status]')!.dataset.status).toBe('ready');
  });

  it('should switch between a regenerated answer and the first one', async () => {
    await replay.enqueue({ sse: tokenStream(5) }, { sse: tokenStream(8) });
    mount(<App generator={generator()} />);
    await chat.send('Hi');
    await chat.regenerate();
    await waitFor(() => expect($('[data-branch]')?.textContent).toBe('2 / 2'));
    expect($$('[data-row]').at(-1)!.querySelector('p')!.textContent).toBe(tokenStreamText(8));
    $('[data-prev]')!.click();
    await waitFor(() => expect($('[data-branch]')?.textContent).toBe('1 / 2'));
    expect($$('[data-row]').at(-1)!.querySelector('p')!.textContent).toBe(tokenStreamText(5));
  });

  it('should take its generator from HayloftProvider, and say how to fix a missing one', () => {
    mount(
      <HayloftProvider generator={generator()}>
        <App />
      </HayloftProvider>,
    );
    expect($('[data-status]')!.dataset.status).toBe('ready');
    const caught: Error[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      mount(<Boundary key="app" onError={(error) => caught.push(error)}><App /></Boundary>);
      mount(<Boundary key="list" onError={(error) => caught.push(error)}><List /></Boundary>);
    } finally {
      quiet.mockRestore();
    }
    expect(caught.map((error) => error.message)).toEqual([
      expect.stringMatching(/^useChatGenerator needs a generator: pass \{ generator \}, or render it within <HayloftProvider generator=/),
      expect.stringMatching(/^useChatMessages needs a chat: pass the result of useChatGenerator\(\) to it, or render it within <ChatProvider chat=/),
    ]);
  });
});
