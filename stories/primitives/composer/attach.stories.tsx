import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { classNameArg, labelArg } from '../../support/primitive-args.js';
import { composerRow, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Composer/Attach',
  component: ChatPrimitive.Attach,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    accept: { control: 'text', description: 'Which files the picker offers.', table: { type: { summary: 'string' }, defaultValue: { summary: 'image/*' } } },
    ...labelArg,
    ...classNameArg,
  },
} satisfies Meta<typeof ChatPrimitive.Attach>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Beside the input: a click opens the file picker; the chosen images appear in `Attachments`. */
export const BesideTheInput: Story = {
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer>
        <ChatPrimitive.Attachments />
        <div style={composerRow}>
          <ChatPrimitive.Attach {...args} />
          <ChatPrimitive.Input />
          <ChatPrimitive.Send />
        </div>
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};
