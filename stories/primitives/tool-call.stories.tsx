import type { ComponentProps, ComponentType } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { Tool } from 'hayloft';
import { ChatPrimitive } from 'hayloft/components';
import textChunks from '../../test/fixtures/openai/text.chunks.txt?raw';
import toolCallChunks from '../../test/fixtures/openai/tool-calls.chunks.txt?raw';
import { classNameArg } from '../support/primitive-args.js';
import { replayGenerator } from '../support/replay-generator.js';
import { box, PlainMessage, roleName, ScriptedRoot } from '../support/scripted-root.js';

// The call comes from the replayed answer: documented, optional here, and without a control.
type ToolCallArgs = Omit<ComponentProps<typeof ChatPrimitive.ToolCall>, 'call'> & Partial<Pick<ComponentProps<typeof ChatPrimitive.ToolCall>, 'call'>>;

const meta = {
  title: 'Primitives/ToolCall',
  component: ChatPrimitive.ToolCall as ComponentType<ToolCallArgs>,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: { ...classNameArg, call: { control: false, description: 'The tool call to show (`Content` passes each call of an answer).' } },
} satisfies Meta<ToolCallArgs>;
export default meta;
type Story = StoryObj<typeof meta>;

const weather = new Tool({
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  invoke: ({ city }) => ({ city, temperature: 21, sky: 'sunny' }),
});

/** The conversation with each tool call of an answer rendered by `ToolCall` (the args go to every one). */
const messages = (args: ToolCallArgs) => (
  <ChatPrimitive.Messages style={box}>
    {(message) =>
      message.role === 'user' || message.role === 'assistant' ? (
        <PlainMessage>
          <strong>{roleName(message)}</strong>
          <div>
            {message.toolCalls.length > 0 ? message.toolCalls.map((call, index) => <ChatPrimitive.ToolCall key={call.id ?? index} {...args} call={call} />) : <ChatPrimitive.Content />}
          </div>
        </PlainMessage>
      ) : null
    }
  </ChatPrimitive.Messages>
);

/** A call held for the user (`requireToolApproval`): `data-state="awaiting-approval"`, with Approve and Reject. */
export const AwaitingApproval: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: toolCallChunks }, { chunks: textChunks }), tools: [weather], requireToolApproval: true, sends: ['What is the weather in Köln?'] }}>
      {messages(args)}
    </ScriptedRoot>
  ),
};

/** A call that ran in the browser: `data-state="complete"`, its result, and the answer that used it. */
export const Complete: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: toolCallChunks }, { chunks: textChunks }), tools: [weather], sends: ['What is the weather in Köln?'] }}>{messages(args)}</ScriptedRoot>
  ),
};
