import type { ReactNode } from 'react';
import { useChatStatus } from 'hayloft/react';

/** Controls every primitive has: its class name. */
export const classNameArg = {
  className: { control: 'text', description: 'Class of the element it renders (the primitives carry no styles).', table: { type: { summary: 'string' } } },
} as const;

/** Controls of the action buttons made by `createActionButton`: Send, Stop, Regenerate, Retry, Edit. */
export const actionButtonArgs = {
  asChild: { control: 'boolean', description: 'Render the only child instead of a `<button>`, with the behaviour merged in.', table: { type: { summary: 'boolean' }, defaultValue: { summary: 'false' } } },
  children: { control: 'text', description: 'The visible label; the matching entry of `labels` by default. The `aria-label` stays that entry: pass your own `aria-label` with a different text.', table: { type: { summary: 'ReactNode' } } },
  disabled: { control: 'boolean', description: 'Disable it even when its action could run (it is disabled, with `data-disabled`, whenever it cannot).', table: { type: { summary: 'boolean' } } },
  ...classNameArg,
} as const;

/** The label of a button that is not an action button (Copy, Attach, ScrollToLatest, ...). */
export const labelArg = {
  children: { control: 'text', description: 'The visible label; the matching entry of `labels` by default. The `aria-label` stays that entry: pass your own `aria-label` with a different text.', table: { type: { summary: 'ReactNode' } } },
} as const;

/**
 * With `asChild` on, an action button renders your element instead of its own: here a `<button>` with a
 * dashed border (so it shows), carrying the label. Off, the args go through as they are.
 */
export const withChild = <T extends { asChild?: boolean; children?: ReactNode }>(args: T, label: string): T =>
  args.asChild
    ? {
        ...args,
        children: (
          <button type="button" style={{ borderStyle: 'dashed' }}>
            {args.children ?? label}
          </button>
        ),
      }
    : args;

/** Shows the chat's status, as `ChatPrimitive.Root` carries it in `data-status`. */
export function StatusLine(): ReactNode {
  const { status } = useChatStatus();
  return (
    <p style={{ margin: 0, color: '#4b5563', fontSize: '0.8125rem' }}>
      status: <code>{status}</code>
    </p>
  );
}
