import type { ComponentProps, ComponentType } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import reasoningChunks from '../../../test/fixtures/vllm/reasoning-renamed.chunks.txt?raw';
import { classNameArg } from '../../support/primitive-args.js';
import { replayGenerator } from '../../support/replay-generator.js';
import { box, PlainMessage, roleName, ScriptedRoot } from '../../support/scripted-root.js';

// The reasoning comes from the replayed answer: documented, optional here, and without a control.
type ReasoningArgs = Omit<ComponentProps<typeof ChatPrimitive.Reasoning>, 'reasoning'> & Partial<Pick<ComponentProps<typeof ChatPrimitive.Reasoning>, 'reasoning'>>;

const meta = {
  title: 'Primitives/Status/Reasoning',
  component: ChatPrimitive.Reasoning as ComponentType<ReasoningArgs>,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    open: { control: 'boolean', description: 'Start expanded (the `<details>` attribute).', table: { type: { summary: 'boolean' } } },
    streaming: { control: 'boolean', description: 'Open while the model is still thinking; `data-state="streaming"` or `"complete"`. `Content` sets it.', table: { type: { summary: 'boolean' }, defaultValue: { summary: 'false' } } },
    ...classNameArg,
    reasoning: { control: false, description: 'The reasoning part to show (`Content` passes each one of an answer).' },
  },
} satisfies Meta<ReasoningArgs>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A reasoning model's answer, each reasoning part rendered by `Reasoning` (the args go to every one). */
const messages = (args: ReasoningArgs) => (
  <ChatPrimitive.Messages style={box}>
    {(message) =>
      message.role === 'user' || message.role === 'assistant' ? (
        <PlainMessage>
          <strong>{roleName(message)}</strong>
          <ChatPrimitive.Content components={{ Reasoning: ({ reasoning, streaming }) => <ChatPrimitive.Reasoning streaming={streaming} {...args} reasoning={reasoning} /> }} />
        </PlainMessage>
      ) : null
    }
  </ChatPrimitive.Messages>
);

/** Collapsed above the answer (a native `<details>`): a click on "Reasoning" opens it. */
export const Collapsed: Story = {
  render: (args) => <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: reasoningChunks, delayMs: 5 }), sends: ['Hello!'] }}>{messages(args)}</ScriptedRoot>,
};

/** Expanded with `open`. */
export const Open: Story = {
  args: { open: true },
  render: (args) => <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: reasoningChunks, delayMs: 5 }), sends: ['Hello!'] }}>{messages(args)}</ScriptedRoot>,
};
