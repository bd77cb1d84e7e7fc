import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { classNameArg } from '../../support/primitive-args.js';
import { composerRow, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Composer/Composer',
  component: ChatPrimitive.Composer,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: classNameArg,
} satisfies Meta<typeof ChatPrimitive.Composer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The form around the parts that write a message: Attachments, Attach, Input and Send. */
export const Ready: Story = {
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer {...args}>
        <ChatPrimitive.Attachments />
        <div style={composerRow}>
          <ChatPrimitive.Attach />
          <ChatPrimitive.Input />
          <ChatPrimitive.Send />
        </div>
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};
