import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { classNameArg, labelArg } from '../../support/primitive-args.js';
import { conversation } from '../../support/replay-generator.js';
import { box, plainRender, ScriptedRoot, ScrollUp } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Messages/ScrollToLatest',
  component: ChatPrimitive.ScrollToLatest,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: { ...labelArg, ...classNameArg },
} satisfies Meta<typeof ChatPrimitive.ScrollToLatest>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Scrolled up to the first question: the button shows, and a click returns to the latest answer. */
export const ScrolledUp: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(4) }}>
      <ChatPrimitive.Viewport style={{ ...box, blockSize: '16rem', overflowY: 'auto' }}>
        <ChatPrimitive.Messages>{plainRender}</ChatPrimitive.Messages>
        <ChatPrimitive.ScrollToLatest style={{ position: 'sticky', insetBlockEnd: 0, alignSelf: 'center' }} {...args} />
      </ChatPrimitive.Viewport>
      <ScrollUp />
    </ScriptedRoot>
  ),
};
