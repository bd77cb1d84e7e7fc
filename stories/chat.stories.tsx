import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatMessage, ImageContent, Tool } from 'hayloft';
import { ChatPrimitive, type ChatComponents } from 'hayloft/components';
import textChunks from '../test/fixtures/openai/text.chunks.txt?raw';
import toolCallChunks from '../test/fixtures/openai/tool-calls.chunks.txt?raw';
import reasoningChunks from '../test/fixtures/vllm/reasoning-renamed.chunks.txt?raw';
import { markdownChunks, sampleAnswer } from './support/markdown-stream.js';
import { conversation, replayGenerator } from './support/replay-generator.js';
import { ScriptedChat } from './support/scripted-chat.js';
import { ScriptedLocalModel } from './support/scripted-local-model.js';

const meta = {
  title: 'Chat',
  component: ScriptedChat,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'A complete chat in one element: streaming markdown answers, stop, edit, regenerate and branches, images, tool calls with approval, ' +
          'local model progress, light and dark, right-to-left. Import `hayloft/styles.css` once. ' +
          'Each story drives `<Chat>` with a generator that replays a recorded provider stream, and sends its question on mount.',
      },
    },
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'], description: '`auto` follows the system.', table: { type: { summary: "'auto' | 'light' | 'dark'" }, defaultValue: { summary: 'auto' } } },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'], description: 'Text direction; `rtl` mirrors the layout.', table: { type: { summary: "'ltr' | 'rtl'" } } },
    threads: { control: 'boolean', description: 'Show the thread list beside the conversation.', table: { type: { summary: 'boolean' }, defaultValue: { summary: 'false' } } },
    welcome: { control: 'text', description: 'An assistant greeting shown at the top of an empty thread (not sent to the model); `labels.emptyState` by default.', table: { type: { summary: 'string' } } },
    suggestions: { control: 'object', description: 'Prompts offered in an empty thread; a click sends one.', table: { type: { summary: 'readonly string[]' } } },
    placeholder: { control: 'text', description: 'The input’s placeholder; `labels.inputPlaceholder` by default.', table: { type: { summary: 'string' } } },
    labels: { control: 'object', description: 'Built-in strings to replace (English by default), e.g. `{ "send": "Senden" }`.', table: { type: { summary: 'Partial<ChatLabels>' } } },
    className: { control: 'text', description: 'Added to `hayloft-root`.', table: { type: { summary: 'string' } } },
    generator: { control: false, description: 'The generator; here one that replays a recorded stream.' },
    sends: { control: false, description: 'Story only: questions sent on mount, one after the other.' },
    then: { control: false, description: 'Story only: run after the sends (e.g. regenerate).' },
    initialMessages: { control: false, description: 'The messages a new thread starts with (read once).' },
    tools: { control: false, description: 'Client-side tools the model may call.' },
    requireToolApproval: { control: false, description: 'Hold tool calls for the user’s approval.' },
    components: { control: false, description: 'Renderers to replace: message, text, image, tool call, reasoning, empty state.' },
  },
  args: { generator: replayGenerator({ chunks: markdownChunks(sampleAnswer) }) },
} satisfies Meta<typeof ScriptedChat>;
export default meta;
type Story = StoryObj<typeof meta>;

const weather = new Tool({
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  invoke: ({ city }) => ({ city, temperature: 21, sky: 'sunny' }),
});

// A 24×24 image (an amber square), as a user would attach it.
const square = (() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 24;
  const context = canvas.getContext('2d');
  if (context) {
    context.fillStyle = '#f59e0b';
    context.fillRect(0, 0, 24, 24);
  }
  return ImageContent.fromBase64(canvas.toDataURL('image/png'));
})();

/** An empty thread: the welcome line and suggested prompts. */
export const Empty: Story = {
  args: { welcome: 'Ask me about search and retrieval.', suggestions: ['What is BM25?', 'Explain dense retrieval', 'Write a Haystack pipeline'] },
};

/** An answer being streamed (it stops half way and stays there). */
export const Streaming: Story = {
  args: { generator: replayGenerator({ chunks: markdownChunks(sampleAnswer), hangAfter: 90, delayMs: 10 }), sends: ['What is BM25?'] },
};

/** A finished markdown answer: heading, list, table, highlighted code, a link. */
export const MarkdownAnswer: Story = {
  args: { generator: replayGenerator({ chunks: markdownChunks(sampleAnswer), delayMs: 5 }), sends: ['What is BM25?'] },
};

/** 200 messages; the view starts at the latest. */
export const LongConversation: Story = {
  args: { initialMessages: conversation(100) },
};

/** A tool call that waits for the user to approve or reject it. */
export const ToolCallAwaitingApproval: Story = {
  args: { generator: replayGenerator({ chunks: toolCallChunks }), tools: [weather], requireToolApproval: true, sends: ['What is the weather in Köln?'] },
};

/** A tool call that ran in the browser, with its result, and the answer that used it. */
export const ToolResult: Story = {
  args: { generator: replayGenerator({ chunks: toolCallChunks }, { chunks: textChunks }), tools: [weather], sends: ['What is the weather in Köln?'] },
};

/** A reasoning model's thoughts, collapsed above its answer. */
export const Reasoning: Story = {
  args: { generator: replayGenerator({ chunks: reasoningChunks }), sends: ['Is 17 prime?'] },
};

/** A connection that broke mid-answer: the partial text stays, with the error and Retry. */
export const ErrorWithPartialText: Story = {
  args: { generator: replayGenerator({ chunks: markdownChunks(sampleAnswer), cutAfter: 40, delayMs: 5 }), sends: ['What is BM25?'] },
};

/** An answer the user stopped. */
export const Stopped: Story = {
  args: {
    initialMessages: [ChatMessage.fromUser('Write a long essay about BM25.'), ChatMessage.fromAssistant('BM25 is a ranking function that search engines use to').withMeta({ stopped: true })],
  },
};

/** A local model downloading (held at 45%), with its progress. */
export const ModelLoading: Story = {
  args: { generator: new ScriptedLocalModel({ stepMs: 60, stopAtPercent: 45 }) },
};

/** An image sent by the user, and one in the answer. */
export const Images: Story = {
  args: {
    initialMessages: [
      ChatMessage.fromUser([{ type: 'text', text: 'What colour is this?' }, square]),
      ChatMessage.create('assistant', [{ type: 'text', text: 'Amber. Here it is again, as generated:' }, square]),
    ],
  },
};

/** A regenerated answer: "2 / 2", with the first version one click away. */
export const Branches: Story = {
  args: {
    generator: replayGenerator({ chunks: textChunks, delayMs: 5 }, { chunks: markdownChunks('A second, shorter answer: BM25 ranks by term frequency, inverse document frequency and length.'), delayMs: 5 }),
    sends: ['What is BM25?'],
    then: (chat) => chat.regenerate(),
  },
};

/** The dark theme. */
export const Dark: Story = {
  args: { theme: 'dark', initialMessages: conversation(2) },
  parameters: { backgrounds: { default: 'dark' } },
};

/** Right to left, with Arabic labels. */
export const RightToLeft: Story = {
  args: {
    dir: 'rtl',
    labels: { send: 'إرسال', stop: 'إيقاف', input: 'رسالة', inputPlaceholder: 'اسأل أي شيء…', copy: 'نسخ', edit: 'تعديل', regenerate: 'إعادة التوليد', attach: 'إرفاق صورة', emptyState: 'كيف يمكنني المساعدة؟', messages: 'المحادثة' },
    initialMessages: [ChatMessage.fromUser('ما هو BM25؟'), ChatMessage.fromAssistant('**BM25** هي دالة ترتيب تستخدمها محركات البحث.')],
  },
};

/** Every built-in string replaced (German). */
export const CustomLabels: Story = {
  args: {
    labels: { send: 'Senden', stop: 'Anhalten', input: 'Nachricht', inputPlaceholder: 'Frag etwas…', regenerate: 'Neu erzeugen', copy: 'Kopieren', edit: 'Bearbeiten', attach: 'Bild anhängen', emptyState: 'Wie kann ich helfen?', messages: 'Unterhaltung' },
    suggestions: ['Was ist BM25?'],
  },
};

const components: ChatComponents = {
  Message: (message) =>
    message.role === 'tool' || message.role === 'system' ? null : (
      <ChatPrimitive.Message style={{ display: 'flex', gap: '0.5rem', alignItems: 'baseline' }}>
        <strong style={{ minInlineSize: '5rem' }}>{message.role === 'user' ? 'You' : 'Assistant'}</strong>
        <ChatPrimitive.Content />
      </ChatPrimitive.Message>
    ),
  ToolCall: ({ call }) => <p>{`🔧 ${call.toolName}(${JSON.stringify(call.arguments)})`}</p>,
};

/** Custom message and tool-call renderers over the same primitives. */
export const CustomRenderers: Story = {
  args: { components, generator: replayGenerator({ chunks: toolCallChunks }, { chunks: textChunks }), tools: [weather], sends: ['Weather in Köln?'] },
};

/** The thread list beside the conversation. */
export const WithThreads: Story = {
  args: { threads: true, initialMessages: conversation(2) },
};
