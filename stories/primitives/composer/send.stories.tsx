import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { actionButtonArgs, withChild } from '../../support/primitive-args.js';
import { composerRow, ScriptedRoot, TypedInput } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Composer/Send',
  component: ChatPrimitive.Send,
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component:
          'Sends the composer’s text and attachments (or the edit). Disabled while a reply runs or nothing is typed. ' +
          'An action button (`createActionButton`): a `<button>`, or your element with `asChild`; `data-disabled` when it cannot run; your `onClick` runs first.',
      },
    },
  },
  argTypes: actionButtonArgs,
} satisfies Meta<typeof ChatPrimitive.Send>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing typed yet: disabled, with `data-disabled`. */
export const NothingTyped: Story = {
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer style={composerRow}>
        <ChatPrimitive.Input />
        <ChatPrimitive.Send {...withChild(args, 'Send')} />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};

/** A question typed: enabled; a click (or Enter in the input) sends it. */
export const Typed: Story = {
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer style={composerRow}>
        <TypedInput text="What is BM25?" />
        <ChatPrimitive.Send {...withChild(args, 'Send')} />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};

/** `asChild`: your own element (here a dashed `<button>`) gets the behaviour: the click, the disabled state, the `aria-label`. */
export const AsChild: Story = {
  args: { asChild: true },
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer style={composerRow}>
        <TypedInput text="What is BM25?" />
        <ChatPrimitive.Send {...withChild(args, 'Send')} />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};
