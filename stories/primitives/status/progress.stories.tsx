import { useState, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { HayloftProvider } from 'hayloft/react';
import { classNameArg } from '../../support/primitive-args.js';
import { ScriptedLocalModel } from '../../support/scripted-local-model.js';
import { ScriptedRoot } from '../../support/scripted-root.js';

// The model is the story's scripted local model: documented, optional here, and without a control.
type ProgressArgs = Omit<ComponentProps<typeof ChatPrimitive.Progress>, 'model'> & Partial<Pick<ComponentProps<typeof ChatPrimitive.Progress>, 'model'>>;

const meta = {
  title: 'Primitives/Status/Progress',
  component: ChatPrimitive.Progress as ComponentType<ProgressArgs>,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: { ...classNameArg, model: { control: false } },
} satisfies Meta<ProgressArgs>;
export default meta;
type Story = StoryObj<typeof meta>;

const row = { display: 'flex', gap: '0.5rem', alignItems: 'center' } as const;

/** `Progress` loading a scripted local model, made once per mount (with a `HayloftProvider`, which it needs). */
function LocalModel({ stepMs, stopAtPercent, ...args }: ProgressArgs & { stepMs: number; stopAtPercent?: number }): ReactNode {
  const [model] = useState(() => new ScriptedLocalModel({ stepMs, stopAtPercent }));
  return (
    <HayloftProvider>
      <ScriptedRoot script={{ generator: () => model }}>
        <ChatPrimitive.Progress style={row} {...args} model={model} />
      </ScriptedRoot>
    </HayloftProvider>
  );
}

/** A local model downloading, held at 45%: `data-state="loading"` and a `<progress>`. */
export const Loading: Story = {
  render: (args) => <LocalModel {...args} stepMs={20} stopAtPercent={45} />,
};

/** Loaded: `data-state="ready"`, with the device it runs on (the reason as its title). */
export const Ready: Story = {
  render: (args) => <LocalModel {...args} stepMs={5} />,
};
