import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { classNameArg, labelArg } from '../../support/primitive-args.js';
import { conversation } from '../../support/replay-generator.js';
import { box, PlainMessage, roleName, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/Copy',
  component: ChatPrimitive.Copy,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: { ...labelArg, ...classNameArg },
} satisfies Meta<typeof ChatPrimitive.Copy>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Under the answer: copies its text; reads "Copied" (`data-state="copied"`) for two seconds after a click. */
export const UnderAnAnswer: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(1) }}>
      <ChatPrimitive.Messages style={box}>
        {(message) =>
          message.role === 'user' || message.role === 'assistant' ? (
            <PlainMessage>
              <strong>{roleName(message)}</strong>
              <div>
                <ChatPrimitive.Content />
                {message.role === 'assistant' && <ChatPrimitive.Copy {...args} />}
              </div>
            </PlainMessage>
          ) : null
        }
      </ChatPrimitive.Messages>
    </ScriptedRoot>
  ),
};
