import { cloneElement, isValidElement, type ReactElement, type ReactNode, type Ref, type SyntheticEvent } from 'react';

type Props = Record<string, unknown>;

/** Runs the user's handler first, then ours unless the user called `preventDefault()`. */
export const composeEventHandlers =
  <E extends SyntheticEvent>(theirs: ((event: E) => void) | undefined, ours: (event: E) => void) =>
  (event: E): void => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };

const setRef = <T,>(ref: Ref<T> | undefined, value: T | null): void => {
  if (typeof ref === 'function') ref(value);
  else if (ref) (ref as { current: T | null }).current = value;
};

/** One ref callback that sets several refs. */
export const composeRefs =
  <T,>(...refs: Array<Ref<T> | undefined>) =>
  (value: T | null): void => {
    for (const ref of refs) setRef(ref, value);
  };

const mergeProps = (slot: Props, child: Props): Props => {
  const merged: Props = { ...slot, ...child };
  for (const key of Object.keys(slot)) {
    const ours = slot[key];
    const theirs = child[key];
    if (/^on[A-Z]/.test(key) && typeof ours === 'function') {
      merged[key] = typeof theirs === 'function' ? composeEventHandlers(theirs as (event: SyntheticEvent) => void, ours as (event: SyntheticEvent) => void) : ours;
    } else if (key === 'className') {
      merged[key] = [ours, theirs].filter(Boolean).join(' ');
    } else if (key === 'style') {
      merged[key] = { ...(ours as object), ...(theirs as object) };
    }
  }
  return merged;
};

/**
 * Renders its only child with the primitive's props merged in (handlers composed, the child's first;
 * class names joined): what `asChild` does.
 */
export function Slot({ children, ref, ...props }: Props & { children?: ReactNode; ref?: Ref<HTMLElement> }): ReactNode {
  if (!isValidElement(children)) return null;
  const child = children as ReactElement<Props & { ref?: Ref<HTMLElement> }>;
  return cloneElement(child, { ...mergeProps(props, child.props), ref: composeRefs(ref, child.props.ref) });
}
