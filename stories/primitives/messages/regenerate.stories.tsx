import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { actionButtonArgs, StatusLine, withChild } from '../../support/primitive-args.js';
import { conversation, replayGenerator } from '../../support/replay-generator.js';
import { box, plainRender, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/Regenerate',
  component: ChatPrimitive.Regenerate,
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component:
          'Answers the last question again, as a new branch. Disabled while a reply runs or before the first question. ' +
          'An action button (`createActionButton`): a `<button>`, or your element with `asChild`; `data-disabled` when it cannot run; your `onClick` runs first.',
      },
    },
  },
  argTypes: actionButtonArgs,
} satisfies Meta<typeof ChatPrimitive.Regenerate>;
export default meta;
type Story = StoryObj<typeof meta>;

/** After an answer: enabled; a click streams a second answer beside the first. */
export const AfterAnAnswer: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(1), generator: () => replayGenerator({ chunks: markdownChunks('A second answer: BM25 ranks by term frequency, inverse document frequency and length.'), delayMs: 5 }) }}>
      <ChatPrimitive.Messages style={box}>{plainRender}</ChatPrimitive.Messages>
      <div>
        <ChatPrimitive.Regenerate {...withChild(args, 'Regenerate')} />
      </div>
    </ScriptedRoot>
  ),
};

/** While an answer streams (held half way): disabled, with `data-disabled`. */
export const WhileStreaming: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), hangAfter: 30, delayMs: 5 }), sends: ['What is BM25?'] }}>
      <ChatPrimitive.Messages style={box}>{plainRender}</ChatPrimitive.Messages>
      <StatusLine />
      <div>
        <ChatPrimitive.Regenerate {...withChild(args, 'Regenerate')} />
      </div>
    </ScriptedRoot>
  ),
};
