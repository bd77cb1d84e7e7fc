import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { ChatPrimitive } from '../../src/components/index.js';
import { ScriptedRoot } from '../../stories/support/scripted-root.js';
import { useReactRoot } from '../support/react-root.js';

const react = useReactRoot();

describe('action button names', () => {
  it('should name a button by the text it shows, and by its label when it shows an icon', async () => {
    react.mount(
      <ScriptedRoot>
        <ChatPrimitive.Composer>
          <ChatPrimitive.Input />
          <ChatPrimitive.Send>Ask</ChatPrimitive.Send>
          <ChatPrimitive.Stop>
            <svg aria-hidden="true" width="10" height="10" />
          </ChatPrimitive.Stop>
        </ChatPrimitive.Composer>
      </ScriptedRoot>,
    );
    await vi.waitFor(() => expect(react.container.querySelector('textarea')).not.toBeNull());
    const [send, stop] = [...react.container.querySelectorAll('button')];
    // Text that differs from the label is the name as shown: no aria-label overriding it.
    expect(send?.textContent).toBe('Ask');
    expect(send?.hasAttribute('aria-label')).toBe(false);
    // An icon-only button still has a name.
    expect(stop?.getAttribute('aria-label')).toBe('Stop');
    // axe's (experimental) rule for exactly this.
    const { violations } = await axe.run(react.container, { runOnly: ['label-content-name-mismatch', 'button-name'] });
    expect(violations.map((violation) => violation.id)).toEqual([]);
  });
});
