import { useEffect, useRef, type ReactNode } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ChatPrimitive } from 'hayloft/components';
import { classNameArg } from '../../support/primitive-args.js';
import { composerRow, ScriptedRoot } from '../../support/scripted-root.js';

/** A 24×24 PNG (an amber square), made once. */
const amberSquare = (): File => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 24;
  const context = canvas.getContext('2d');
  if (context) {
    context.fillStyle = '#f59e0b';
    context.fillRect(0, 0, 24, 24);
  }
  const bytes = Uint8Array.from(atob(canvas.toDataURL('image/png').split(',')[1] ?? ''), (char) => char.charCodeAt(0));
  return new File([bytes], 'amber-square.png', { type: 'image/png' });
};

/** Drops an image on the composer it sits in once, as a user dragging a file onto it. */
function DropImage(): ReactNode {
  const marker = useRef<HTMLSpanElement | null>(null);
  useEffect(() => {
    const form = marker.current?.closest('form');
    if (!form) return;
    const data = new DataTransfer();
    data.items.add(amberSquare());
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, []);
  return <span ref={marker} hidden />;
}

const meta = {
  title: 'Primitives/Composer/Attachments',
  component: ChatPrimitive.Attachments,
  tags: ['autodocs'],
  parameters: { layout: 'padded' },
  argTypes: classNameArg,
} satisfies Meta<typeof ChatPrimitive.Attachments>;
export default meta;
type Story = StoryObj<typeof meta>;

/** One image dropped on the composer: its preview, named by the file, with a button that removes it. */
export const OneImage: Story = {
  render: (args) => (
    <ScriptedRoot>
      <ChatPrimitive.Composer>
        <ChatPrimitive.Attachments style={{ display: 'flex', gap: '0.5rem', listStyle: 'none', margin: 0, padding: 0 }} {...args} />
        <div style={composerRow}>
          <ChatPrimitive.Attach />
          <ChatPrimitive.Input />
          <ChatPrimitive.Send />
        </div>
        <DropImage />
      </ChatPrimitive.Composer>
    </ScriptedRoot>
  ),
};
