import { createContext, useCallback, useContext, useEffect, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { useLabels } from '../labels.js';
import { useRoot } from './contexts.js';
import { composeEventHandlers, composeRefs } from './slot.js';

interface ViewportState {
  atBottom: boolean;
  scrollToLatest: () => void;
}

const ViewportContext = createContext<ViewportState | null>(null);

// Within this many pixels of the end counts as "at the end" (sub-pixel layouts never reach 0).
const threshold = 48;

/** Props of `ChatPrimitive.Viewport`. */
export interface ViewportProps extends HTMLAttributes<HTMLDivElement> {
  ref?: Ref<HTMLDivElement>;
}

/**
 * The scrolling area of the conversation. It follows new content while the user is at the end, and
 * stops following as soon as they scroll up (`data-at-bottom` tells which); `ScrollToLatest` returns.
 */
export function Viewport({ children, onScroll, ref, ...props }: ViewportProps): ReactNode {
  useRoot('Viewport');
  const element = useRef<HTMLDivElement | null>(null);
  const stuck = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  // Without a user's onScroll, scrolls are watched by a native listener: following an answer scrolls
  // on every frame of a stream, and React's event system costs more per scroll than the check itself.
  // With one, they go through React as every primitive's events do: the user's handler first, and
  // preventDefault() in it turns the check off.
  const viaReact = onScroll !== undefined;
  const track = useCallback(() => {
    const node = element.current;
    if (!node) return;
    const end = node.scrollHeight - node.scrollTop - node.clientHeight <= threshold;
    // Following the answer scrolls too: a scroll that changes nothing must not render the viewport again.
    if (end === stuck.current) return;
    stuck.current = end;
    setAtBottom(end);
  }, []);
  const scrollToLatest = useCallback(() => {
    const node = element.current;
    if (!node) return;
    stuck.current = true;
    setAtBottom(true);
    node.scrollTop = node.scrollHeight;
  }, []);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    // Follow growth from a ResizeObserver: it runs after layout, so reading scrollHeight there forces
    // no extra layout (a MutationObserver per token would, and costs a frame's budget in a long thread).
    const follow = () => {
      if (!stuck.current) return;
      const end = node.scrollHeight - node.clientHeight;
      // Writing scrollTop fires a scroll event and a scroll; skip it when already there.
      if (Math.abs(node.scrollTop - end) > 1) node.scrollTop = end;
    };
    const observer = new ResizeObserver(follow);
    const observeChildren = () => {
      for (const child of node.children) observer.observe(child);
    };
    observeChildren();
    const mutations = new MutationObserver(observeChildren);
    mutations.observe(node, { childList: true });
    follow();
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, []);
  useEffect(() => {
    const node = element.current;
    if (viaReact || !node) return;
    node.addEventListener('scroll', track, { passive: true });
    return () => node.removeEventListener('scroll', track);
  }, [viaReact, track]);
  return (
    <ViewportContext.Provider value={{ atBottom, scrollToLatest }}>
      <div tabIndex={0} {...props} ref={composeRefs(ref, element)} data-at-bottom={atBottom ? 'true' : 'false'} onScroll={viaReact ? composeEventHandlers(onScroll, track) : undefined}>
        {children}
      </div>
    </ViewportContext.Provider>
  );
}

/** A button that scrolls back to the latest message; rendered only while the user has scrolled up. */
export function ScrollToLatest({ onClick, children, ...props }: HTMLAttributes<HTMLButtonElement>): ReactNode {
  const viewport = useContext(ViewportContext);
  const labels = useLabels();
  if (!viewport) throw new Error('`ChatPrimitive.ScrollToLatest` must be used within `ChatPrimitive.Viewport`.');
  if (viewport.atBottom) return null;
  return (
    <button type="button" aria-label={labels.jumpToLatest} {...props} onClick={composeEventHandlers(onClick, viewport.scrollToLatest)}>
      {children ?? labels.jumpToLatest}
    </button>
  );
}
