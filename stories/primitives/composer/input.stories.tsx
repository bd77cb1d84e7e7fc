import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { classNameArg } from '../../support/primitive-args.js';
import { composerRow, ScriptedRoot, TypedInput } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Composer/Input',
  component: ChatPrimitive.Input,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    placeholder: { control: 'text', description: 'The placeholder; `labels.inputPlaceholder` by default.', table: { type: { summary: 'string' } } },
    maxRows: { control: { type: 'number', min: 1, max: 20 }, description: 'The most rows it grows to before it scrolls.', table: { type: { summary: 'number' }, defaultValue: { summary: '8' } } },
    disabled: { control: 'boolean', description: 'Disabled; by default it is disabled only while persisted threads load.', table: { type: { summary: 'boolean' } } },
    ...classNameArg,
    value: { control: false, description: 'The text, when you hold it (controlled); the composer keeps it otherwise.' },
    onValueChange: { control: false, description: 'Called with the new text on every change, and with `""` after sending.' },
  },
} satisfies Meta<typeof ChatPrimitive.Input>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Uncontrolled (the composer keeps the text), with its placeholder. Enter sends, Shift+Enter breaks the line. */
export const Empty: Story = {
  args: { placeholder: 'Ask about search and retrieval…' },
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer style={composerRow}>
        <ChatPrimitive.Input {...args} />
        <ChatPrimitive.Send />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};

/** Controlled with `value` and `onValueChange`: the app holds the text; three lines, grown to fit. */
export const Controlled: Story = {
  args: { maxRows: 4 },
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer style={composerRow}>
        <TypedInput {...args} text={'What is BM25?\nHow does it rank documents?\nAnd what do k1 and b do?'} />
        <ChatPrimitive.Send />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};
