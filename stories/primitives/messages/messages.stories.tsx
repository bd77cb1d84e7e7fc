import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { classNameArg } from '../../support/primitive-args.js';
import { conversation, replayGenerator } from '../../support/replay-generator.js';
import { box, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/Messages',
  component: ChatPrimitive.Messages,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    ...classNameArg,
    children: { control: false, description: 'Renders one message, `(message, { streaming, index }) => ReactNode`; default: `<Message><Content /></Message>` for users and assistants.' },
  },
} satisfies Meta<typeof ChatPrimitive.Messages>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Two questions and answers with the default renderer, in a `role="log"` region. */
export const Conversation: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(2) }}>
      <ChatPrimitive.Messages style={box} {...args} />
    </ScriptedRoot>
  ),
};

/** An answer streaming (held half way): the log is `aria-busy`, so screen readers wait for the whole answer. */
export const Streaming: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), hangAfter: 30, delayMs: 5 }), sends: ['What is BM25?'] }}>
      <ChatPrimitive.Messages style={box} {...args} />
    </ScriptedRoot>
  ),
};
