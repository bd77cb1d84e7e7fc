import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { markdownChunks, sampleAnswer } from '../../support/markdown-stream.js';
import { classNameArg } from '../../support/primitive-args.js';
import { replayGenerator } from '../../support/replay-generator.js';
import { box, plainRender, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Status/Error',
  component: ChatPrimitive.Error,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: {
    children: { control: 'text', description: 'What to say instead of the error’s own message.', table: { type: { summary: 'ReactNode' } } },
    ...classNameArg,
  },
} satisfies Meta<typeof ChatPrimitive.Error>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A connection that broke mid-answer: the partial answer stays above, then the error (`role="alert"`) and Retry. */
export const AfterABrokenStream: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: markdownChunks(sampleAnswer), cutAfter: 40, delayMs: 2 }), sends: ['What is BM25?'] }}>
      <ChatPrimitive.Messages style={box}>{plainRender}</ChatPrimitive.Messages>
      <ChatPrimitive.Error style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }} {...args} />
    </ScriptedRoot>
  ),
};
