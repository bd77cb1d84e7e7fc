import type { ComponentProps, ComponentType } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { classNameArg, StatusLine } from '../../support/primitive-args.js';
import { conversation, replayGenerator } from '../../support/replay-generator.js';
import { box, plainRender, ScriptedRoot } from '../../support/scripted-root.js';

// The chat comes from each story's script: documented, optional here, and without a control.
type RootArgs = Omit<ComponentProps<typeof ChatPrimitive.Root>, 'chat'> & Partial<Pick<ComponentProps<typeof ChatPrimitive.Root>, 'chat'>>;

const meta = {
  title: 'Primitives/Messages/Root',
  component: ChatPrimitive.Root as ComponentType<RootArgs>,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    asChild: { control: 'boolean', description: 'Render the only child instead of a `<div>`, with `data-status` and your props merged in.', table: { type: { summary: 'boolean' }, defaultValue: { summary: 'false' } } },
    ...classNameArg,
    chat: { control: false },
  },
} satisfies Meta<RootArgs>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A finished conversation: `data-status="ready"`. */
export const Ready: Story = {
  render: (args) => (
    <ScriptedRoot {...args} script={{ initialMessages: conversation(1) }}>
      <section style={box}>
        <StatusLine />
        <ChatPrimitive.Messages>{plainRender}</ChatPrimitive.Messages>
      </section>
    </ScriptedRoot>
  ),
};

/** An answer streaming (held half way): `data-status="streaming"`. */
export const Streaming: Story = {
  render: (args) => (
    <ScriptedRoot {...args} script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), hangAfter: 30, delayMs: 5 }), sends: ['What is BM25?'] }}>
      <section style={box}>
        <StatusLine />
        <ChatPrimitive.Messages>{plainRender}</ChatPrimitive.Messages>
      </section>
    </ScriptedRoot>
  ),
};
