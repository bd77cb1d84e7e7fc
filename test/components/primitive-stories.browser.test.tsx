import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import axe from 'axe-core';
import type { ComponentType, UIEvent } from 'react';
import { OpenAIChatGenerator } from 'hayloft';
import { ChatPrimitive } from 'hayloft/components';
import { ChatController } from 'hayloft/react';
import { describe, expect, it, vi } from 'vitest';
import preview from '../../.storybook/preview.js';
import * as attach from '../../stories/primitives/composer/attach.stories.js';
import * as attachments from '../../stories/primitives/composer/attachments.stories.js';
import * as composer from '../../stories/primitives/composer/composer.stories.js';
import * as input from '../../stories/primitives/composer/input.stories.js';
import * as send from '../../stories/primitives/composer/send.stories.js';
import * as stop from '../../stories/primitives/composer/stop.stories.js';
import * as branchPicker from '../../stories/primitives/messages/branch-picker.stories.js';
import * as content from '../../stories/primitives/messages/content.stories.js';
import * as copy from '../../stories/primitives/messages/copy.stories.js';
import * as edit from '../../stories/primitives/messages/edit.stories.js';
import * as message from '../../stories/primitives/messages/message.stories.js';
import * as messages from '../../stories/primitives/messages/messages.stories.js';
import * as regenerate from '../../stories/primitives/messages/regenerate.stories.js';
import * as root from '../../stories/primitives/messages/root.stories.js';
import * as scrollToLatest from '../../stories/primitives/messages/scroll-to-latest.stories.js';
import * as viewport from '../../stories/primitives/messages/viewport.stories.js';
import * as error from '../../stories/primitives/status/error.stories.js';
import * as progress from '../../stories/primitives/status/progress.stories.js';
import * as reasoning from '../../stories/primitives/status/reasoning.stories.js';
import * as retry from '../../stories/primitives/status/retry.stories.js';
import * as usage from '../../stories/primitives/status/usage.stories.js';
import * as threadList from '../../stories/primitives/thread-list.stories.js';
import * as toolCall from '../../stories/primitives/tool-call.stories.js';
import { useReactRoot } from '../support/react-root.js';

setProjectAnnotations(preview);
const react = useReactRoot();
const $ = (selector: string) => react.container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...react.container.querySelectorAll<HTMLElement>(selector)];
/** A button by its accessible name: its aria-label, else its text. */
const named = (label: string, scope: ParentNode = document) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].filter((node) => (node.getAttribute('aria-label') ?? node.textContent?.trim()) === label);
const button = (label: string) => named(label, react.container)[0] ?? null;
const textarea = () => $('textarea') as HTMLTextAreaElement | null;

type Module = Parameters<typeof composeStories>[0] & { default: { title?: string; component?: unknown } };
interface Suite {
  title: string;
  component: unknown;
  stories: Array<[string, ComponentType, () => void]>;
}

/** A story file with what each of its stories must show once settled: one check per story, or it does not compile. */
const suite = <T extends Module>(module: T, settled: Record<keyof ReturnType<typeof composeStories<T>>, () => void>): Suite => {
  const composed = composeStories(module) as Record<string, ComponentType>;
  const checks = settled as Record<string, () => void>;
  return {
    title: module.default.title ?? '',
    component: module.default.component,
    stories: Object.entries(composed).map(([name, Story]) => [name, Story, checks[name] ?? (() => expect.unreachable(`no settled check for ${name}`))]),
  };
};

const suites: Suite[] = [
  suite(root, {
    Ready: () => {
      expect($('[data-status="ready"]')?.querySelectorAll('[data-role]')).toHaveLength(2);
      expect($('p code')?.textContent).toBe('ready');
    },
    Streaming: () => {
      expect($('[data-status="streaming"]')).not.toBeNull();
      expect($('[data-role="assistant"]')?.textContent).toContain('BM25');
    },
  }),
  suite(viewport, {
    AtTheLatest: () => {
      const node = $('[data-at-bottom]')!;
      expect(node.dataset.atBottom).toBe('true');
      expect(node.querySelectorAll('[data-role]')).toHaveLength(8);
      expect(node.scrollHeight).toBeGreaterThan(node.clientHeight + 100);
      expect(node.scrollHeight - node.scrollTop - node.clientHeight).toBeLessThan(50);
    },
  }),
  suite(scrollToLatest, {
    ScrolledUp: () => {
      expect($('[data-at-bottom]')?.dataset.atBottom).toBe('false');
      expect(button('Jump to latest')?.textContent).toBe('Jump to latest');
    },
  }),
  suite(messages, {
    Conversation: () => {
      expect($('[role="log"]')?.getAttribute('aria-busy')).toBe('false');
      expect($$('[role="log"] [data-role]').map((node) => node.dataset.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    },
    Streaming: () => {
      expect($('[role="log"]')?.getAttribute('aria-busy')).toBe('true');
      expect($('[data-role="assistant"][data-status="streaming"]')?.textContent).toContain('BM25');
    },
  }),
  suite(message, {
    Complete: () => expect($$('[data-role]').map((node) => `${node.dataset.role}:${node.dataset.status}:${node.firstElementChild?.tagName}`)).toEqual(['user:complete:ARTICLE', 'assistant:complete:ARTICLE']),
    Streaming: () => expect($('[data-role="assistant"][data-status="streaming"][aria-busy="true"]')?.textContent).toContain('BM25'),
    Stopped: () => expect($('[data-role="assistant"]')?.dataset.status).toBe('stopped'),
  }),
  suite(content, {
    MarkdownAnswer: () => {
      expect($('.hayloft-user-text')?.textContent).toBe('What is BM25?');
      expect($('[data-role="assistant"][data-status="complete"] h2')?.textContent).toBe('BM25 in short');
      expect($('[data-role="assistant"] table')).not.toBeNull();
    },
    StoppedNote: () => expect($('[data-role="assistant"] [data-kind="stopped"]')?.textContent).toBe('Stopped'),
  }),
  suite(copy, {
    UnderAnAnswer: () => {
      expect(named('Copy', react.container)).toHaveLength(1);
      expect(named('Copy', $('[data-role="assistant"]')!)[0]?.dataset.state).toBe('idle');
      expect(button('Copy')?.disabled).toBe(false);
    },
  }),
  suite(edit, {
    OnAQuestion: () => {
      expect(named('Edit', react.container)).toHaveLength(1);
      expect(named('Edit', $('[data-role="user"]')!)[0]).toBeDefined();
      expect(button('Edit')?.disabled).toBe(false);
    },
  }),
  suite(regenerate, {
    AfterAnAnswer: () => {
      expect($$('[data-role]')).toHaveLength(2);
      expect(button('Regenerate')?.disabled).toBe(false);
    },
    WhileStreaming: () => {
      expect($('[data-status="streaming"]')).not.toBeNull();
      expect(button('Regenerate')?.disabled).toBe(true);
      expect(button('Regenerate')?.hasAttribute('data-disabled')).toBe(true);
    },
  }),
  suite(branchPicker, {
    TwoVersions: () => {
      expect($$('[role="group"]').map((group) => group.getAttribute('aria-label'))).toEqual(['2 / 2']);
      expect(button('Previous version')?.disabled).toBe(false);
      expect(button('Next version')?.disabled).toBe(true);
      expect($('[data-role="assistant"]')?.dataset.status).toBe('complete');
    },
  }),
  suite(composer, {
    Ready: () => {
      expect($('form textarea[aria-label="Message"]')).not.toBeNull();
      expect(textarea()?.disabled).toBe(false);
      expect($$('form button').map((node) => node.getAttribute('aria-label') ?? node.textContent?.trim())).toEqual(['Attach image', 'Send']);
    },
  }),
  suite(input, {
    Empty: () => {
      expect(textarea()?.placeholder).toBe('Ask about search and retrieval…');
      expect(textarea()?.disabled).toBe(false);
      expect(button('Send')?.disabled).toBe(true);
    },
    Controlled: () => {
      expect(textarea()?.value.split('\n')).toHaveLength(3);
      expect(button('Send')?.disabled).toBe(false);
    },
  }),
  suite(send, {
    NothingTyped: () => {
      expect(textarea()?.disabled).toBe(false);
      expect(button('Send')?.disabled).toBe(true);
      expect(button('Send')?.hasAttribute('data-disabled')).toBe(true);
    },
    Typed: () => {
      expect(textarea()?.value).toBe('What is BM25?');
      expect(button('Send')?.disabled).toBe(false);
      expect(button('Send')?.hasAttribute('data-disabled')).toBe(false);
    },
    AsChild: () => {
      expect($$('form button').map((node) => [node.getAttribute('aria-label'), node.textContent, node.style.borderStyle, (node as HTMLButtonElement).disabled])).toEqual([['Send', 'Send', 'dashed', false]]);
    },
  }),
  suite(stop, {
    WhileStreaming: () => {
      expect($('[data-status="streaming"]')).not.toBeNull();
      expect(button('Stop')?.disabled).toBe(false);
    },
    Idle: () => {
      expect(textarea()?.disabled).toBe(false);
      expect($('p code')?.textContent).toBe('ready');
      expect(button('Stop')?.disabled).toBe(true);
    },
  }),
  suite(attach, {
    BesideTheInput: () => {
      expect(button('Attach image')?.textContent).toBe('Attach image');
      expect(textarea()?.disabled).toBe(false);
    },
  }),
  suite(attachments, {
    OneImage: () => {
      expect($$('form ul li img').map((image) => image.getAttribute('alt'))).toEqual(['amber-square.png']);
      expect($('form ul li img')?.getAttribute('src')).toMatch(/^blob:/);
      expect(button('Remove attachment: amber-square.png')).not.toBeNull();
    },
  }),
  suite(toolCall, {
    AwaitingApproval: () => {
      expect($('[data-tool="get_weather"]')?.dataset.state).toBe('awaiting-approval');
      expect($$('[data-tool] button').map((node) => node.textContent)).toEqual(['Approve', 'Reject']);
    },
    Complete: () => {
      expect($('[data-tool="get_weather"]')?.dataset.state).toBe('complete');
      expect($('[data-tool] pre:not(details pre)')?.textContent).toContain('"temperature":21');
      expect($$('[data-role="assistant"]').at(-1)?.dataset.status).toBe('complete');
    },
  }),
  suite(error, {
    AfterABrokenStream: () => {
      expect($('[data-role="assistant"]')?.dataset.status).toBe('error');
      expect($('[data-role="assistant"] h2')?.textContent).toBe('BM25 in short');
      expect($('[role="alert"]')?.textContent).toMatch(/broke off.*Retry$/);
    },
  }),
  suite(retry, {
    AfterAnError: () => {
      expect($('p code')?.textContent).toBe('error');
      expect(button('Retry')?.disabled).toBe(false);
    },
    NoError: () => {
      expect($$('[data-role]')).toHaveLength(2);
      expect(button('Retry')?.disabled).toBe(true);
    },
  }),
  suite(usage, {
    AfterAnAnswer: () => {
      expect($('[data-prompt-tokens]')?.textContent).toBe('37 tokens');
      expect($('[data-prompt-tokens]')?.dataset.completionTokens).toBe('16');
    },
  }),
  suite(progress, {
    Loading: () => {
      expect($('[data-state="loading"] progress')?.getAttribute('value')).toBe('45');
      expect($('[data-state="loading"]')?.textContent).toContain('Loading onnx-community/Qwen2.5-0.5B-Instruct…');
    },
    Ready: () => {
      expect($('[data-state="ready"]')?.dataset.device).toBe('wasm');
      expect($('[data-state="ready"] span')?.textContent).toBe('Running on WASM');
    },
  }),
  suite(reasoning, {
    Collapsed: () => {
      const details = $('details[data-state="complete"]') as HTMLDetailsElement | null;
      expect(details?.open).toBe(false);
      expect(details?.querySelector('.hayloft-reasoning-text')?.textContent).toMatch(/^The user/);
      expect($('[data-role="assistant"]')?.dataset.status).toBe('complete');
    },
    Open: () => {
      const details = $('details[data-state="complete"]') as HTMLDetailsElement | null;
      expect(details?.open).toBe(true);
      expect(details?.querySelector('.hayloft-reasoning-text')?.textContent).toMatch(/^The user/);
    },
  }),
  suite(threadList, {
    TwoThreads: () => {
      expect($$('nav[aria-label="Chats"] li')).toHaveLength(2);
      expect($$('nav li button[aria-current]').map((node) => node.textContent)).toEqual([expect.any(String)]);
      expect($$('nav li > button:first-child').map((node) => node.textContent)).toContain('Dense retrieval');
      expect($('nav [aria-current="page"]')?.textContent).not.toBe('Dense retrieval');
      expect($$('[data-role]')).toHaveLength(2);
    },
  }),
];

describe('primitive stories', () => {
  it('should give every ChatPrimitive part a docs page of its own', () => {
    const documented = suites.map(({ component }) => component);
    const parts = Object.entries(ChatPrimitive).filter(([, part]) => typeof part === 'function');
    expect(parts.filter(([, part]) => !documented.includes(part)).map(([name]) => name)).toEqual([]);
    expect(new Set(suites.map(({ title }) => title)).size).toBe(suites.length);
  });

  it("should run a user's onScroll on the Viewport first, and let its preventDefault() turn off the at-the-end check", async () => {
    const chat = new ChatController({ generator: new OpenAIChatGenerator({ apiBaseUrl: 'http://127.0.0.1:9/v1' }) });
    const scrollUp = async (onScroll: (event: UIEvent<HTMLDivElement>) => void) => {
      react.mount(
        <ChatPrimitive.Root chat={chat}>
          <ChatPrimitive.Viewport style={{ blockSize: '10rem', overflowY: 'auto' }} onScroll={onScroll}>
            <div style={{ blockSize: '100rem' }} />
          </ChatPrimitive.Viewport>
        </ChatPrimitive.Root>,
      );
      const node = $('[data-at-bottom]')!;
      await vi.waitFor(() => expect(node.scrollTop).toBeGreaterThan(0));
      node.scrollTop = 0;
      return node;
    };
    const seen: string[] = [];
    const watched = await scrollUp((event) => seen.push(`${event.currentTarget.scrollTop === 0 ? 'top' : 'below'}, at end: ${event.currentTarget.dataset.atBottom}`));
    await vi.waitFor(() => expect(watched.dataset.atBottom).toBe('false'));
    // The user's handler saw the scroll before the viewport took it in.
    expect(seen.at(-1)).toBe('top, at end: true');

    react.mount(null);
    let prevented = 0;
    const unwatched = await scrollUp((event) => {
      prevented += 1;
      event.preventDefault();
    });
    await vi.waitFor(() => expect(prevented).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unwatched.dataset.atBottom).toBe('true');
  });

  for (const { title, stories } of suites) {
    describe(title, () => {
      for (const [name, Story, settled] of stories) {
        it(`should render ${name} in its state with no axe violations`, async () => {
          react.mount(<Story />);
          await vi.waitFor(settled, { timeout: 8000, interval: 50 });
          const { violations } = await axe.run(react.container, { resultTypes: ['violations'] });
          expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
        });
      }
    });
  }
});
