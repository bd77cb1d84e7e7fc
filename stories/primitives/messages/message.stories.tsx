import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatMessage } from 'hayloft';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { classNameArg } from '../../support/primitive-args.js';
import { conversation, replayGenerator } from '../../support/replay-generator.js';
import { box, roleName, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/Message',
  component: ChatPrimitive.Message,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    asChild: { control: 'boolean', description: 'Render the only child (here an `<article>`) instead of a `<div>`, with `data-role` and `data-status` merged in.', table: { type: { summary: 'boolean' }, defaultValue: { summary: 'false' } } },
    ...classNameArg,
  },
} satisfies Meta<typeof ChatPrimitive.Message>;
export default meta;
type Story = StoryObj<typeof meta>;

type Args = Story['args'];

/** Each message as an `<article>` with its role as a heading; the args go to every `Message`. */
const messages = (args: Args) => (
  <ChatPrimitive.Messages style={box}>
    {(message) =>
      message.role === 'user' || message.role === 'assistant' ? (
        <ChatPrimitive.Message {...args}>
          <article>
            <h3 style={{ margin: 0, fontSize: '0.8125rem', color: '#4b5563' }}>{roleName(message)}</h3>
            <ChatPrimitive.Content />
          </article>
        </ChatPrimitive.Message>
      ) : null
    }
  </ChatPrimitive.Messages>
);

/** A question and its finished answer: `data-role="user"` and `"assistant"`, both `data-status="complete"`. */
export const Complete: Story = {
  render: (args) => <ScriptedRoot script={{ initialMessages: conversation(1) }}>{messages(args)}</ScriptedRoot>,
};

/** The answer being streamed (held half way): `data-status="streaming"` and `aria-busy`. */
export const Streaming: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), hangAfter: 30, delayMs: 5 }), sends: ['What is BM25?'] }}>{messages(args)}</ScriptedRoot>
  ),
};

/** An answer the user stopped: `data-status="stopped"`; `Content` adds the note. */
export const Stopped: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: [ChatMessage.fromUser('Write a long essay about BM25.'), ChatMessage.fromAssistant('BM25 is a ranking function that search engines use to').withMeta({ stopped: true })] }}>
      {messages(args)}
    </ScriptedRoot>
  ),
};
