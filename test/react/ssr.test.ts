import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatMessage, OpenAIChatGenerator } from '../../src/index.js';

const browserGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'requestAnimationFrame', 'self', 'location', 'HTMLElement'];

/** Runs `action` with every browser global replaced by a getter that records who touched it. */
const trapBrowserGlobals = async <T>(action: () => Promise<T>): Promise<{ result: T; touched: string[] }> => {
  const touched: string[] = [];
  const saved = browserGlobals.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of browserGlobals) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get: () => {
        const caller = new Error().stack!.split('\n')[2] ?? '';
        const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(caller)?.[1];
        touched.push(dependency ? `${name} (probed by ${dependency})` : `${name} at ${caller.trim()}`);
        return undefined;
      },
    });
  }
  try {
    return { result: await action(), touched };
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    }
  }
};

describe('hayloft/react on a server', () => {
  it('should import and render a chat to HTML without touching a browser global', async () => {
    const { result: html, touched } = await trapBrowserGlobals(async () => {
      const { ChatProvider, HayloftProvider, useChatGenerator, useChatMessages, useChatStatus } = await import('../../src/react/index.js');
      function Messages() {
        return createElement('ul', null, ...useChatMessages().map((message, index) => createElement('li', { key: index }, message.text)));
      }
      function Status() {
        return createElement('p', { 'data-status': useChatStatus().status });
      }
      function App() {
        const chat = useChatGenerator({ initialMessages: [ChatMessage.fromAssistant('Hello from the server')] });
        return createElement(ChatProvider, { chat }, createElement(Messages), createElement(Status));
      }
      const generator = new OpenAIChatGenerator({ apiBaseUrl: 'https://example.invalid/v1' });
      return renderToString(createElement(HayloftProvider, { generator }, createElement(App)));
    });
    // TanStack Query probes `typeof window` once to know it is on a server; nothing else may look.
    expect(touched).toEqual(['window (probed by @tanstack/query-core)']);
    expect(html).toContain('<li>Hello from the server</li>');
    expect(html).toContain('data-status="ready"');
  });
});
