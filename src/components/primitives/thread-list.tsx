import type { HTMLAttributes, ReactNode } from 'react';
import { useThreads } from '../../react/index.js';
import { useLabels } from '../labels.js';
import { useRoot } from './contexts.js';

/** The threads of the chat, most recent first: switch, start and delete. `aria-current` marks the open one. */
export function ThreadList(props: HTMLAttributes<HTMLElement>): ReactNode {
  const { controller } = useRoot('ThreadList');
  const labels = useLabels();
  const { threads, activeThreadId, create, remove, switchTo } = useThreads(controller);
  return (
    <nav aria-label={labels.threads} {...props}>
      <button type="button" data-action="new-thread" onClick={() => create()}>
        {labels.newThread}
      </button>
      <ul>
        {threads.map((thread) => (
          <li key={thread.id} data-active={thread.id === activeThreadId ? '' : undefined}>
            <button type="button" aria-current={thread.id === activeThreadId ? 'page' : undefined} onClick={() => switchTo(thread.id)}>
              {thread.title}
            </button>
            <button type="button" aria-label={`${labels.deleteThread}: ${thread.title}`} data-action="delete-thread" onClick={() => remove(thread.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
