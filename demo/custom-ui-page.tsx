// A chat with its own look, built only from hayloft's headless parts: `ChatPrimitive.*` from
// hayloft/components and the hooks of hayloft/react. No <Chat>, no hayloft/styles.css class: every
// class here is the demo's own (`custom-*` in demo.css), and the parts' state arrives as data-*.
import type { ReactNode } from 'react';
import { isLoadableModel, type ChatGenerator, type ChatMessage } from 'hayloft';
import { ChatPrimitive, type RenderMessage } from 'hayloft/components';
import { useChatGenerator, useChatMessages, useChatStatus } from 'hayloft/react';
import source from './custom-ui-page.tsx?raw';
import { PageCode } from './page-code.js';

const statusText: Readonly<Record<string, string>> = {
  ready: 'Ready',
  submitted: 'Sending…',
  streaming: 'Writing…',
  error: 'Stopped by an error',
  'awaiting-approval': 'Waiting for approval',
  'awaiting-tool-result': 'Waiting for a tool',
};

/** The status as a word; a hook, not a prop, so only this line re-renders when it changes. */
function StatusLine(): ReactNode {
  const { status } = useChatStatus();
  return <span className="custom-status">{statusText[status] ?? status}</span>;
}

/** Shown while the conversation is empty. */
function Empty(): ReactNode {
  const messages = useChatMessages();
  if (messages.length > 0) return null;
  return <p className="custom-empty">This chat is made of ChatPrimitive parts and hooks only. Say hello.</p>;
}

/** One row: who wrote it, what they wrote (markdown for answers), and Copy under answers. */
function Row({ message }: { message: ChatMessage }): ReactNode {
  const user = message.role === 'user';
  return (
    <ChatPrimitive.Message className="custom-message">
      <span className="custom-author" aria-hidden="true">
        {user ? 'You' : 'AI'}
      </span>
      <div className="custom-body">
        <ChatPrimitive.Content className="custom-content" />
        {!user && <ChatPrimitive.Copy className="custom-copy" />}
      </div>
    </ChatPrimitive.Message>
  );
}

// Tool and system messages are not shown: this page's chat has no tools.
const renderMessage: RenderMessage = (message) => (message.role === 'user' || message.role === 'assistant' ? <Row message={message} /> : null);

/** The Custom UI page: the page's generator in a chat of the demo's own design. */
export function CustomUiPage({ generator }: { generator: ChatGenerator }): ReactNode {
  const chat = useChatGenerator({ generator });
  return (
    <section className="custom" aria-label="Custom UI">
      <ChatPrimitive.Root chat={chat} className="custom-chat">
        <header className="custom-head">
          <strong>Custom UI</strong>
          <StatusLine />
        </header>
        {isLoadableModel(generator) && <ChatPrimitive.Progress className="custom-progress" model={generator} />}
        <ChatPrimitive.Viewport className="custom-viewport">
          <Empty />
          <ChatPrimitive.Messages className="custom-messages">{renderMessage}</ChatPrimitive.Messages>
          <ChatPrimitive.Error className="custom-error" />
        </ChatPrimitive.Viewport>
        <ChatPrimitive.Composer className="custom-composer">
          <ChatPrimitive.Input className="custom-input" placeholder="Write to the model…" maxRows={5} />
          <ChatPrimitive.Send className="custom-send" />
          <ChatPrimitive.Stop className="custom-stop" />
        </ChatPrimitive.Composer>
        <footer className="custom-foot">
          <ChatPrimitive.Regenerate className="custom-regenerate" />
          <ChatPrimitive.Usage className="custom-usage" />
        </footer>
      </ChatPrimitive.Root>
      <PageCode file="demo/custom-ui-page.tsx" source={source} />
    </section>
  );
}
