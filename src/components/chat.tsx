import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { isLoadableModel, type ChatGenerator, type ChatMessage } from '../core/index.js';
import { useChatGenerator, useChatMessages, useChatStatus, type UseChatGeneratorOptions, type UseChatGeneratorResult } from '../react/index.js';
import { LabelsProvider, useLabels, type ChatLabels } from './labels.js';
import { preloadMarkdown } from './markdown/lazy-markdown.js';
import * as ChatPrimitive from './primitives/index.js';

// Only local models show load progress; its query client stays out of a cloud chat's bundle.
const LocalModelProgress = lazy(() => import('./primitives/local-model-progress.js'));
import { ContentComponentsContext, type ContentComponents } from './primitives/content.js';
import type { RenderMessage } from './primitives/messages.js';

/** Replaceable parts of `<Chat>`. */
export interface ChatComponents extends ContentComponents {
  /** Renders a whole message instead of the default bubble. */
  Message?: RenderMessage;
  /** Shown while the thread is empty, above the suggestions. */
  EmptyState?: () => ReactNode;
}

/** Props of {@link Chat}. */
export interface ChatProps extends Omit<UseChatGeneratorOptions, 'generator'> {
  /** The generator: cloud (through the proxy), local, or a `FallbackChatGenerator`. */
  generator?: ChatGenerator;
  /** An existing chat from `useChatGenerator`, instead of `generator` and options. */
  chat?: UseChatGeneratorResult;
  /** Built-in strings to replace (English by default). */
  labels?: Partial<ChatLabels>;
  /** Renderers to replace: message, text, image, tool call, reasoning, empty state. */
  components?: ChatComponents;
  /** `auto` follows the system (the default). */
  theme?: 'auto' | 'light' | 'dark';
  /** Text direction; `rtl` mirrors the layout. */
  dir?: 'ltr' | 'rtl';
  /** Show the thread list beside the conversation. */
  threads?: boolean;
  /** An assistant greeting shown at the top of an empty thread (not sent to the model). */
  welcome?: string;
  /** Prompts offered in an empty thread; a click sends one. */
  suggestions?: readonly string[];
  /** The input's placeholder. */
  placeholder?: string;
  className?: string;
}

function Empty({ welcome, suggestions, send, EmptyState }: { welcome?: string | undefined; suggestions: readonly string[]; send: (text: string) => void; EmptyState?: (() => ReactNode) | undefined }): ReactNode {
  const labels = useLabels();
  const messages = useChatMessages();
  if (messages.length > 0) return null;
  return (
    <div className="hayloft-empty">
      {EmptyState ? <EmptyState /> : <p className="hayloft-welcome">{welcome ?? labels.emptyState}</p>}
      {suggestions.length > 0 && (
        <ul className="hayloft-suggestions">
          {suggestions.map((suggestion) => (
            <li key={suggestion}>
              <button type="button" onClick={() => send(suggestion)}>
                {suggestion}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ChatView({ chat, props }: { chat: UseChatGeneratorResult; props: ChatProps }): ReactNode {
  const { components = {}, suggestions = [], welcome, threads = false, theme = 'auto', dir, placeholder, className } = props;
  const { Message: renderMessage, EmptyState, ...content } = components;
  const [contentComponents] = useState(content);
  const render = renderMessage ?? defaultRender;
  const generator = props.generator;
  useEffect(() => {
    // Fetch the markdown renderer while the user reads the page, before the first answer needs it.
    const idle = (globalThis as { requestIdleCallback?: (callback: () => void) => number }).requestIdleCallback;
    if (idle) idle(() => void preloadMarkdown());
    else setTimeout(() => void preloadMarkdown(), 200);
  }, []);
  return (
    <ContentComponentsContext.Provider value={contentComponents}>
    <ChatPrimitive.Root chat={chat} className={['hayloft-root', className].filter(Boolean).join(' ')} data-theme={theme === 'auto' ? undefined : theme} dir={dir} data-threads={threads ? '' : undefined}>
      {threads && <ChatPrimitive.ThreadList className="hayloft-threads" />}
      <div className="hayloft-main">
        {isLoadableModel(generator) && (
          <Suspense fallback={null}>
            <LocalModelProgress className="hayloft-progress" model={generator} />
          </Suspense>
        )}
        <ChatPrimitive.Viewport className="hayloft-viewport">
          <Empty welcome={welcome} suggestions={suggestions} send={(text) => void chat.send(text).catch(() => undefined)} EmptyState={EmptyState} />
          <ChatPrimitive.Messages className="hayloft-messages">{render}</ChatPrimitive.Messages>
          <ChatPrimitive.Error className="hayloft-error" />
          <ChatPrimitive.ScrollToLatest className="hayloft-jump" />
        </ChatPrimitive.Viewport>
        <ChatPrimitive.Composer className="hayloft-composer">
          <ChatPrimitive.Attachments className="hayloft-attachments" />
          <div className="hayloft-composer-row">
            <ChatPrimitive.Attach className="hayloft-icon-button hayloft-attach">
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <path d="M12 5v14M5 12h14" />
              </svg>
            </ChatPrimitive.Attach>
            <ChatPrimitive.Input className="hayloft-input" placeholder={placeholder} />
            <SendOrStop />
          </div>
          <div className="hayloft-composer-footer">
            <ChatPrimitive.Regenerate className="hayloft-link-button" />
            <ChatPrimitive.Usage className="hayloft-usage" />
          </div>
        </ChatPrimitive.Composer>
      </div>
    </ChatPrimitive.Root>
    </ContentComponentsContext.Provider>
  );
}

// Its own component, so a status change (three per answer) re-renders this button, not the whole
// chat around it (at 200 messages, reconciling every row again each time).
function SendOrStop(): ReactNode {
  const { status } = useChatStatus();
  return status === 'streaming' || status === 'submitted' ? (
    <ChatPrimitive.Stop className="hayloft-button hayloft-stop" />
  ) : (
    <ChatPrimitive.Send className="hayloft-button hayloft-send" />
  );
}

function Bubble({ message }: { message: ChatMessage }): ReactNode {
  const user = message.role === 'user';
  return (
    <ChatPrimitive.Message className="hayloft-message">
      <ChatPrimitive.Content className="hayloft-content" />
      <div className="hayloft-message-actions">
        <ChatPrimitive.BranchPicker className="hayloft-branches" />
        {user ? <ChatPrimitive.Edit className="hayloft-icon-button" /> : message.text !== null && <ChatPrimitive.Copy className="hayloft-icon-button" />}
      </div>
    </ChatPrimitive.Message>
  );
}

const defaultRender: RenderMessage = (message) => (message.role === 'user' || message.role === 'assistant' ? <Bubble message={message} /> : null);

function OwnChat(props: ChatProps): ReactNode {
  const { chat: _chat, labels: _labels, components: _components, theme: _theme, dir: _dir, threads: _threads, welcome: _welcome, suggestions: _suggestions, placeholder: _placeholder, className: _className, ...options } = props;
  const chat = useChatGenerator(options);
  return <ChatView chat={chat} props={props} />;
}

/**
 * A complete chat in one element: streaming markdown answers, stop, edit, regenerate and branches,
 * images, tool calls with approval, local model progress, light and dark, right-to-left. Import
 * `hayloft/styles.css` once.
 *
 * @example
 * import 'hayloft/styles.css';
 * <Chat generator={new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1' })} persist={{ key: 'chat' }} />
 */
export function Chat(props: ChatProps): ReactNode {
  return (
    <LabelsProvider labels={props.labels}>{props.chat ? <ChatView chat={props.chat} props={props} /> : <OwnChat {...props} />}</LabelsProvider>
  );
}
