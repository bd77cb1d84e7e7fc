import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatMessage } from 'hayloft';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { classNameArg } from '../../support/primitive-args.js';
import { replayGenerator } from '../../support/replay-generator.js';
import { box, PlainMessage, roleName, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/Content',
  component: ChatPrimitive.Content,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    ...classNameArg,
    components: { control: false, description: 'Renderers to replace: `Text`, `Image`, `ToolCall`, `Reasoning`.' },
  },
} satisfies Meta<typeof ChatPrimitive.Content>;
export default meta;
type Story = StoryObj<typeof meta>;

type Args = Story['args'];

const messages = (args: Args) => (
  <ChatPrimitive.Messages style={box}>
    {(message) =>
      message.role === 'user' || message.role === 'assistant' ? (
        <PlainMessage>
          <strong>{roleName(message)}</strong>
          <ChatPrimitive.Content {...args} />
        </PlainMessage>
      ) : null
    }
  </ChatPrimitive.Messages>
);

/** A streamed markdown answer, finished: heading, list, table, highlighted code, a link. The question stays plain text. */
export const MarkdownAnswer: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), delayMs: 2 }), sends: ['What is BM25?'] }}>{messages(args)}</ScriptedRoot>
  ),
};

/** A stopped answer: what arrived, then the "Stopped" note. */
export const StoppedNote: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: [ChatMessage.fromUser('Write a long essay about BM25.'), ChatMessage.fromAssistant('BM25 is a ranking function that search engines use to').withMeta({ stopped: true })] }}>
      {messages(args)}
    </ScriptedRoot>
  ),
};
