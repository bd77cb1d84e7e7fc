import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import textChunks from '../../../test/fixtures/openai/text.chunks.txt?raw';
import { markdownChunks } from '../../support/markdown-stream.js';
import { classNameArg } from '../../support/primitive-args.js';
import { replayGenerator } from '../../support/replay-generator.js';
import { box, PlainMessage, roleName, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/BranchPicker',
  component: ChatPrimitive.BranchPicker,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: classNameArg,
} satisfies Meta<typeof ChatPrimitive.BranchPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A regenerated answer: "2 / 2", the first version one click away. Messages with one version show no picker. */
export const TwoVersions: Story = {
  render: (args) => (
    <ScriptedRoot
      script={{
        generator: () => replayGenerator({ chunks: textChunks, delayMs: 5 }, { chunks: markdownChunks('A second, shorter answer: BM25 ranks by term frequency, inverse document frequency and length.'), delayMs: 5 }),
        sends: ['What is BM25?'],
        then: (chat) => chat.regenerate(),
      }}
    >
      <ChatPrimitive.Messages style={box}>
        {(message) =>
          message.role === 'user' || message.role === 'assistant' ? (
            <PlainMessage>
              <strong>{roleName(message)}</strong>
              <div>
                <ChatPrimitive.Content />
                <ChatPrimitive.BranchPicker style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }} {...args} />
              </div>
            </PlainMessage>
          ) : null
        }
      </ChatPrimitive.Messages>
    </ScriptedRoot>
  ),
};
