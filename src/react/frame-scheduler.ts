/** Runs `callback` before the next paint; returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void;

/** `requestAnimationFrame`, or a 16 ms timer where there is none (Node, a server render). */
export const scheduleFrame: FrameScheduler = (callback) => {
  const raf = globalThis as { requestAnimationFrame?: (cb: () => void) => number; cancelAnimationFrame?: (id: number) => void };
  if (raf.requestAnimationFrame && raf.cancelAnimationFrame) {
    const id = raf.requestAnimationFrame(callback);
    return () => raf.cancelAnimationFrame?.(id);
  }
  const timer = setTimeout(callback, 16);
  return () => clearTimeout(timer);
};
