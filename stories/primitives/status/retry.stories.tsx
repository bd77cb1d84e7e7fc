import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { actionButtonArgs, StatusLine, withChild } from '../../support/primitive-args.js';
import { conversation, replayGenerator } from '../../support/replay-generator.js';
import { box, plainRender, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Status/Retry',
  component: ChatPrimitive.Retry,
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component:
          'Retries after an error (`ChatPrimitive.Error` has one built in); disabled otherwise. ' +
          'An action button (`createActionButton`): a `<button>`, or your element with `asChild`; `data-disabled` when it cannot run; your `onClick` runs first.',
      },
    },
  },
  argTypes: actionButtonArgs,
} satisfies Meta<typeof ChatPrimitive.Retry>;
export default meta;
type Story = StoryObj<typeof meta>;

/** After a connection broke mid-answer: enabled; a click asks again. */
export const AfterAnError: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), cutAfter: 40, delayMs: 2 }, { chunks: markdownChunks(sampleAnswer), delayMs: 2 }), sends: ['What is BM25?'] }}>
      <ChatPrimitive.Messages style={box}>{plainRender}</ChatPrimitive.Messages>
      <StatusLine />
      <div>
        <ChatPrimitive.Retry {...withChild(args, 'Retry')} />
      </div>
    </ScriptedRoot>
  ),
};

/** No error: disabled, with `data-disabled`. */
export const NoError: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(1) }}>
      <ChatPrimitive.Messages style={box}>{plainRender}</ChatPrimitive.Messages>
      <StatusLine />
      <div>
        <ChatPrimitive.Retry {...withChild(args, 'Retry')} />
      </div>
    </ScriptedRoot>
  ),
};
