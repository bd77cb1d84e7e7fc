import { Component, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, vi } from 'vitest';

/** A React root in a fresh container per test, unmounted after it. */
export const useReactRoot = () => {
  let container: HTMLElement | undefined;
  let root: Root | undefined;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    root?.unmount();
    container?.remove();
  });
  return {
    /** Renders synchronously. */
    mount: (node: ReactNode) => flushSync(() => root!.render(node)),
    get container(): HTMLElement {
      return container!;
    },
  };
};

/** Catches a render error and hands it to the test. */
export class Boundary extends Component<{ onError: (error: Error) => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * `vi.waitFor` with room for a cold start: the first request of a test file also loads the `openai`
 * client and lazy chunks through Vite, which can take seconds on a fresh CI machine.
 */
export const waitFor = <T,>(check: () => T | Promise<T>, timeout = 10_000): Promise<T> => vi.waitFor(check, { timeout, interval: 20 });
