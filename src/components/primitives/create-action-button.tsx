import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { useLabels, type ChatLabels } from '../labels.js';
import type { Action } from './actions.js';
import { Slot, composeEventHandlers } from './slot.js';

/**
 * Whether a button's children are text a reader sees (then that text is its name: an aria-label
 * over it would be a label-content-name mismatch) rather than an icon, which needs the label.
 */
export const showsText = (children: ReactNode): boolean =>
  children === undefined || typeof children === 'string' || typeof children === 'number' || (Array.isArray(children) && children.every((child) => typeof child === 'string' || typeof child === 'number'));

type LabelKey = { [K in keyof ChatLabels]: ChatLabels[K] extends string ? K : never }[keyof ChatLabels];

/** Props of every action button: a `<button>`'s, plus `asChild` to render your own element. */
export interface ActionButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Render the only child instead of a `<button>`, with the behaviour merged in. */
  asChild?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * Makes a button from a behaviour hook: the hook returns the action, or null when it cannot run
 * (the button is then disabled, with `data-disabled`). The user's `onClick` runs first.
 */
export const createActionButton = (displayName: string, useAction: () => Action, label: LabelKey) => {
  function ActionButton({ asChild, onClick, children, disabled, ...props }: ActionButtonProps): ReactNode {
    const labels = useLabels();
    const action = useAction();
    const off = disabled === true || action === null;
    const Component = asChild ? Slot : 'button';
    return (
      <Component
        type="button"
        // The visible label is the name (axe: label-content-name-mismatch otherwise); a custom child
        // such as an icon gets the label as its name.
        aria-label={showsText(children) ? undefined : labels[label]}
        {...props}
        disabled={off}
        data-disabled={off ? '' : undefined}
        onClick={composeEventHandlers(onClick, () => action?.())}
      >
        {children ?? labels[label]}
      </Component>
    );
  }
  ActionButton.displayName = `ChatPrimitive.${displayName}`;
  return ActionButton;
};
