import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { actionButtonArgs, StatusLine, withChild } from '../../support/primitive-args.js';
import { replayGenerator } from '../../support/replay-generator.js';
import { composerRow, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Composer/Stop',
  component: ChatPrimitive.Stop,
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component:
          'Stops the reply being generated; the partial answer stays. Enabled only while a reply runs. ' +
          'An action button (`createActionButton`): a `<button>`, or your element with `asChild`; `data-disabled` when it cannot run; your `onClick` runs first.',
      },
    },
  },
  argTypes: actionButtonArgs,
} satisfies Meta<typeof ChatPrimitive.Stop>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A reply streaming (held half way): Stop is enabled. */
export const WhileStreaming: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), hangAfter: 30, delayMs: 5 }), sends: ['What is BM25?'] }}>
      <StatusLine />
      <ChatPrimitive.Composer style={composerRow}>
        <ChatPrimitive.Input />
        <ChatPrimitive.Stop {...withChild(args, 'Stop')} />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};

/** Nothing running: Stop is disabled. */
export const Idle: Story = {
  render: (args) => (
    <ScriptedRoot>
      <StatusLine />
      <ChatPrimitive.Composer style={composerRow}>
        <ChatPrimitive.Input />
        <ChatPrimitive.Stop {...withChild(args, 'Stop')} />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};
