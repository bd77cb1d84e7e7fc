import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import type { UseChatGeneratorResult } from 'hayloft/react';
import { classNameArg } from '../support/primitive-args.js';
import { conversation } from '../support/replay-generator.js';
import { box, plainRender, ScriptedRoot } from '../support/scripted-root.js';

/** Starts a second thread, then returns to the first. */
const openFirstOfTwo = (chat: UseChatGeneratorResult): void => {
  const first = chat.threadId;
  chat.controller.createThread('Dense retrieval');
  chat.controller.switchThread(first);
};

const meta = {
  title: 'Primitives/ThreadList',
  component: ChatPrimitive.ThreadList,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: classNameArg,
} satisfies Meta<typeof ChatPrimitive.ThreadList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Two threads beside the conversation: a second one started, then the first opened again (`aria-current="page"`). */
export const TwoThreads: Story = {
  render: (args) => (
    <ScriptedRoot script={{ initialMessages: conversation(1), then: openFirstOfTwo }}>
      <div style={{ display: 'grid', gridTemplateColumns: '14rem 1fr', gap: '1rem', alignItems: 'start' }}>
        <ChatPrimitive.ThreadList style={box} {...args} />
        <ChatPrimitive.Messages style={box}>{plainRender}</ChatPrimitive.Messages>
      </div>
    </ScriptedRoot>
  ),
};
