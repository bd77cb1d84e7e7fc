import { useEffect, useLayoutEffect, useRef, type FormHTMLAttributes, type HTMLAttributes, type KeyboardEvent, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { useChatStatus } from '../../react/index.js';
import { useLabels } from '../labels.js';
import { useSendAction, useStopAction } from './actions.js';
import { useComposerStore } from './composer-context.js';
import { toAttachment, useComposerValue } from './composer-store.js';
import { useRoot } from './contexts.js';
import { composeEventHandlers, composeRefs } from './slot.js';

const imagesOf = (files: Iterable<File>): File[] => [...files].filter((file) => file.type.startsWith('image/'));

/** Adds image files (from a picker, a paste or a drop) to the composer. */
export const useAddFiles = (): ((files: Iterable<File>) => void) => {
  const store = useComposerStore('Attach');
  return (files) => {
    const images = imagesOf(files);
    if (images.length > 0) store.set({ attachments: [...store.get().attachments, ...images.map(toAttachment)] });
  };
};

/** Props of `ChatPrimitive.Composer`. */
export interface ComposerProps extends FormHTMLAttributes<HTMLFormElement> {
  ref?: Ref<HTMLFormElement>;
}

/** The form around the input: submitting sends; image files dropped on it are attached. `data-editing` while editing. */
export function Composer({ onSubmit, onDragOver, onDrop, ...props }: ComposerProps): ReactNode {
  const store = useComposerStore('Composer');
  const send = useSendAction();
  const addFiles = useAddFiles();
  const editing = useComposerValue(store, (state) => state.editing !== null);
  return (
    <form
      {...props}
      data-editing={editing ? '' : undefined}
      onSubmit={composeEventHandlers(onSubmit, (event) => {
        event.preventDefault();
        send?.();
      })}
      onDragOver={composeEventHandlers(onDragOver, (event) => {
        if ([...event.dataTransfer.items].some((item) => item.kind === 'file')) event.preventDefault();
      })}
      onDrop={composeEventHandlers(onDrop, (event) => {
        if (event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        addFiles(event.dataTransfer.files);
      })}
    />
  );
}

/** Props of `ChatPrimitive.Input`. */
export interface InputProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue'> {
  /** The most rows it grows to before it scrolls; default 8. */
  maxRows?: number;
  /** The text, when you hold it (controlled); the composer keeps it otherwise. */
  value?: string;
  /** Called with the new text on every change, and with '' after sending. */
  onValueChange?: (value: string) => void;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * The message input: a textarea that grows with its text. Enter sends, Shift+Enter breaks the line,
 * Escape stops a reply (or cancels an edit); pasted images are attached.
 */
export function Input({ maxRows = 8, value, onValueChange, onChange, onKeyDown, onPaste, ref, ...props }: InputProps): ReactNode {
  const store = useComposerStore('Input');
  // Controlled: the prop is the truth, mirrored into the composer so Send and Enter see it.
  useLayoutEffect(() => {
    if (value !== undefined && value !== store.get().text) store.set({ text: value });
  }, [store, value]);
  const reported = useRef(onValueChange);
  reported.current = onValueChange;
  useEffect(() => {
    let last = store.get().text;
    return store.subscribe(() => {
      const next = store.get().text;
      if (next === last) return;
      last = next;
      reported.current?.(next);
    });
  }, [store]);
  const labels = useLabels();
  const { controller } = useRoot('Input');
  const { hydrated } = useChatStatus(controller);
  const text = useComposerValue(store, (state) => state.text);
  const send = useSendAction();
  const stop = useStopAction();
  const addFiles = useAddFiles();
  const element = useRef<HTMLTextAreaElement | null>(null);
  useLayoutEffect(() => {
    const node = element.current;
    // Where CSS can size the field to its content (field-sizing), measuring here would force a layout
    // of the whole page on every keystroke.
    if (!node || CSS.supports('field-sizing', 'content')) return;
    node.style.height = 'auto';
    const line = Number.parseFloat(getComputedStyle(node).lineHeight) || 20;
    node.style.height = `${Math.min(node.scrollHeight, line * maxRows + 16)}px`;
  }, [text, maxRows]);
  const handleKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // An IME composition uses Enter to pick a word: never send then.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send?.();
    } else if (event.key === 'Escape') {
      if (stop) stop();
      else if (store.get().editing) store.set({ editing: null, text: '' });
    }
  };
  return (
    <textarea
      aria-label={labels.input}
      placeholder={labels.inputPlaceholder}
      rows={1}
      {...props}
      // field-sizing grows the field with its text where the browser can (the effect above measures elsewhere).
      style={{ fieldSizing: 'content', maxBlockSize: `calc(${maxRows}lh + 1rem)`, ...props.style }}
      ref={composeRefs(ref, element, (node: HTMLTextAreaElement | null) => {
        store.input = node;
      })}
      value={value ?? text}
      disabled={props.disabled ?? !hydrated}
      onChange={composeEventHandlers(onChange, (event) => store.set({ text: event.target.value }))}
      onKeyDown={composeEventHandlers(onKeyDown, handleKey)}
      onPaste={composeEventHandlers(onPaste, (event) => {
        const files = imagesOf(event.clipboardData.files);
        if (files.length === 0) return;
        event.preventDefault();
        addFiles(files);
      })}
    />
  );
}

/** Props of `ChatPrimitive.Attach`. */
export interface AttachProps extends HTMLAttributes<HTMLButtonElement> {
  /** Which files the picker offers; default `image/*`. */
  accept?: string;
}

/** Opens the file picker and attaches the chosen images. */
export function Attach({ accept = 'image/*', onClick, children, ...props }: AttachProps): ReactNode {
  const labels = useLabels();
  const addFiles = useAddFiles();
  const pick = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = true;
    input.addEventListener('change', () => addFiles(input.files ?? []));
    input.click();
  };
  return (
    <button type="button" aria-label={labels.attach} {...props} onClick={composeEventHandlers(onClick, pick)}>
      {children ?? labels.attach}
    </button>
  );
}

/** The images attached to the message being written, each with a button that removes it. */
export function Attachments(props: HTMLAttributes<HTMLUListElement>): ReactNode {
  const store = useComposerStore('Attachments');
  const labels = useLabels();
  const attachments = useComposerValue(store, (state) => state.attachments);
  if (attachments.length === 0) return null;
  const remove = (id: string) => {
    const attachment = store.get().attachments.find((candidate) => candidate.id === id);
    if (attachment?.previewUrl) URL.revokeObjectURL(attachment.previewUrl);
    store.set({ attachments: store.get().attachments.filter((candidate) => candidate.id !== id) });
  };
  return (
    <ul {...props}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <img src={attachment.previewUrl} alt={attachment.file.name} />
          <button type="button" aria-label={`${labels.removeAttachment}: ${attachment.file.name}`} onClick={() => remove(attachment.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
