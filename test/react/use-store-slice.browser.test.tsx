import { describe, expect, it } from 'vitest';
import { flushSync } from 'react-dom';
import { ChatMessage } from '../../src/index.js';
import { createChatStore, type ChatState } from '../../src/react/chat-store.js';
import { useStoreSlice, type ChatStateKeys } from '../../src/react/use-store-slice.js';
import { useReactRoot } from '../support/react-root.js';

const react = useReactRoot();
const statusKeys: ChatStateKeys = ['status'];

describe('useStoreSlice', () => {
  it('should not run a selector with keys for a store update that changes none of them, and follow one that does', () => {
    const store = createChatStore();
    const seen: string[] = [];
    const selectStatus = (state: ChatState) => {
      seen.push(state.status);
      return state.status;
    };
    function Status() {
      return <p>{useStoreSlice(store, selectStatus, Object.is, statusKeys)}</p>;
    }
    react.mount(<Status />);
    const calls = seen.length;
    // What the controller writes once per frame while an answer streams.
    for (let i = 0; i < 50; i += 1) flushSync(() => store.setState({ draft: ChatMessage.fromAssistant(`token ${i}`) }));
    expect(seen.length).toBe(calls);
    flushSync(() => store.setState({ status: 'streaming' }));
    expect(react.container.textContent).toBe('streaming');
    expect(seen.length).toBeGreaterThan(calls);
  });

  it('should run a selector without keys on every store update', () => {
    const store = createChatStore();
    let calls = 0;
    const selectStatus = (state: ChatState) => {
      calls += 1;
      return state.status;
    };
    function Status() {
      return <p>{useStoreSlice(store, selectStatus)}</p>;
    }
    react.mount(<Status />);
    const before = calls;
    flushSync(() => store.setState({ draft: ChatMessage.fromAssistant('token') }));
    expect(calls).toBeGreaterThan(before);
  });
});
