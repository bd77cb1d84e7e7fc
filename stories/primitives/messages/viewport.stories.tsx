import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { classNameArg } from '../../support/primitive-args.js';
import { conversation } from '../../support/replay-generator.js';
import { box, plainRender, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/Viewport',
  component: ChatPrimitive.Viewport,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: classNameArg,
} satisfies Meta<typeof ChatPrimitive.Viewport>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Eight messages in a box 16rem high: it starts at the latest (`data-at-bottom="true"`) and follows new content. */
export const AtTheLatest: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(4) }}>
      <ChatPrimitive.Viewport style={{ ...box, blockSize: '16rem', overflowY: 'auto' }} {...args}>
        <ChatPrimitive.Messages>{plainRender}</ChatPrimitive.Messages>
      </ChatPrimitive.Viewport>
    </ScriptedRoot>
  ),
};
