import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import textChunks from '../../../test/fixtures/openai/text.chunks.txt?raw';
import { classNameArg } from '../../support/primitive-args.js';
import { replayGenerator } from '../../support/replay-generator.js';
import { box, plainRender, ScriptedRoot } from '../../support/scripted-root.js';

const meta = {
  title: 'Primitives/Status/Usage',
  component: ChatPrimitive.Usage,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: classNameArg,
} satisfies Meta<typeof ChatPrimitive.Usage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** After one answer: the tokens the provider reported (prompt and completion also as `data-*`). Nothing before the first answer. */
export const AfterAnAnswer: Story = {
  render: (args) => (
    <ScriptedRoot script={{ generator: () => replayGenerator({ chunks: textChunks, delayMs: 5 }), sends: ['What is BM25?'] }}>
      <ChatPrimitive.Messages style={box}>{plainRender}</ChatPrimitive.Messages>
      <p>
        <ChatPrimitive.Usage {...args} />
      </p>
    </ScriptedRoot>
  ),
};
