import type { ReactNode } from 'react';
import { useHayloftContext } from '../../react/hayloft-context.js';
import { HayloftProvider } from '../../react/hayloft-provider.js';
import { Progress, type ProgressProps } from './progress.js';

/**
 * `ChatPrimitive.Progress` with a `HayloftProvider` around it when there is none: loaded by `<Chat>`
 * only for local models, so the query client never weighs on a cloud chat's bundle.
 */
export default function LocalModelProgress(props: ProgressProps): ReactNode {
  const context = useHayloftContext();
  return context ? (
    <Progress {...props} />
  ) : (
    <HayloftProvider>
      <Progress {...props} />
    </HayloftProvider>
  );
}
