import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks } from '../../support/markdown-stream.js';
import { actionButtonArgs, withChild } from '../../support/primitive-args.js';
import { conversation, replayGenerator } from '../../support/replay-generator.js';
import { box, composerRow, PlainMessage, roleName, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/Edit',
  component: ChatPrimitive.Edit,
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component:
          'Puts a user message into the composer to edit it; sending the edit answers it again as a new branch (`BranchPicker` then shows both). ' +
          'An action button (`createActionButton`): a `<button>`, or your element with `asChild`; `data-disabled` when it cannot run; your `onClick` runs first.',
      },
    },
  },
  argTypes: actionButtonArgs,
} satisfies Meta<typeof ChatPrimitive.Edit>;
export default meta;
type Story = StoryObj<typeof meta>;

/** On the question, with the composer below: a click puts the question in the input (`data-editing` on the composer). */
export const OnAQuestion: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(1), generator: () => replayGenerator({ chunks: markdownChunks('An edited question gets a new answer, as a second branch.'), delayMs: 5 }) }}>
      <ChatPrimitive.Messages style={box}>
        {(message) =>
          message.role === 'user' || message.role === 'assistant' ? (
            <PlainMessage>
              <strong>{roleName(message)}</strong>
              <div>
                <ChatPrimitive.Content />
                {message.role === 'user' && <ChatPrimitive.Edit {...withChild(args, 'Edit')} />}
                <ChatPrimitive.BranchPicker style={composerRow} />
              </div>
            </PlainMessage>
          ) : null
        }
      </ChatPrimitive.Messages>
      <ChatPrimitive.Composer style={composerRow}>
        <ChatPrimitive.Input />
        <ChatPrimitive.Send />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};
