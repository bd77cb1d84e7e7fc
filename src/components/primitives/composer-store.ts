import { useSyncExternalStore } from 'react';
import type { ChatMessage } from '../../core/index.js';

/** A file the user attached, with a preview URL while it waits to be sent. */
export interface Attachment {
  readonly id: string;
  readonly file: File;
  readonly previewUrl: string;
}

/** The composer's state: the text being typed, attachments, and the message being edited. */
export interface ComposerState {
  readonly text: string;
  readonly attachments: readonly Attachment[];
  /** The user message being edited; sending replaces it by a new branch. */
  readonly editing: ChatMessage | null;
}

/** A small external store, so typing re-renders the composer and nothing else. */
export interface ComposerStore {
  readonly get: () => ComposerState;
  readonly set: (patch: Partial<ComposerState>) => void;
  readonly subscribe: (listener: () => void) => () => void;
  /** The input element, so actions can return focus to it. */
  input: HTMLTextAreaElement | null;
}

let attachmentCounter = 0;

/** Makes an attachment of a file (the preview URL is revoked when it is removed or sent). */
export const toAttachment = (file: File): Attachment => ({
  id: `attachment-${(attachmentCounter += 1)}`,
  file,
  previewUrl: typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : '',
});

/** Creates a composer store. */
export const createComposerStore = (): ComposerStore => {
  let state: ComposerState = { text: '', attachments: [], editing: null };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (patch) => {
      state = { ...state, ...patch };
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    input: null,
  };
};

/** Reads one value of the composer store. */
export const useComposerValue = <T>(store: ComposerStore, select: (state: ComposerState) => T): T =>
  useSyncExternalStore(store.subscribe, () => select(store.get()), () => select(store.get()));
