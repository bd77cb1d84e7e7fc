import { composeStories, setProjectAnnotations } from '@storybook/react-vite';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import preview from '../../.storybook/preview.js';
import * as stories from '../../stories/chat.stories.js';
import { useReactRoot } from '../support/react-root.js';

setProjectAnnotations(preview);
const composed = composeStories(stories);
const react = useReactRoot();
const $ = (selector: string) => react.container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...react.container.querySelectorAll<HTMLElement>(selector)];

/** What each story must show once it has settled: the state it is named after. */
const settled: Record<keyof typeof composed, () => void> = {
  Empty: () => expect($$('.hayloft-suggestions button').map((button) => button.textContent)).toEqual(['What is BM25?', 'Explain dense retrieval', 'Write a Haystack pipeline']),
  Streaming: () => expect($('[data-role="assistant"][data-status="streaming"]')?.textContent).toContain('BM25'),
  MarkdownAnswer: () => {
    expect($('[data-role="assistant"] table')).not.toBeNull();
    expect($('.hayloft-code[data-language="python"][data-highlighted]')).not.toBeNull();
    expect($('[data-role="assistant"] a')?.getAttribute('rel')).toBe('noopener noreferrer');
  },
  LongConversation: () => {
    expect($$('[data-role]')).toHaveLength(200);
    const viewport = $('.hayloft-viewport')!;
    expect(viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight).toBeLessThan(50);
  },
  ToolCallAwaitingApproval: () => {
    expect($('[data-tool="get_weather"]')?.dataset.state).toBe('awaiting-approval');
    expect($$('[data-tool] button').map((button) => button.textContent)).toEqual(['Approve', 'Reject']);
  },
  ToolResult: () => {
    expect($('[data-tool="get_weather"]')?.dataset.state).toBe('complete');
    expect($('.hayloft-tool-result pre')?.textContent).toContain('"temperature":21');
    expect($$('[data-role="assistant"]').at(-1)?.dataset.status).toBe('complete');
  },
  Reasoning: () => expect($('details[data-state="complete"] .hayloft-reasoning-text')?.textContent).toMatch(/^The user/),
  ErrorWithPartialText: () => {
    expect($('[data-role="assistant"]')?.dataset.status).toBe('error');
    expect($('[data-role="assistant"] h2')?.textContent).toBe('BM25 in short');
    expect($('[role="alert"]')?.textContent).toMatch(/broke off.*Retry$/);
  },
  Stopped: () => {
    expect($('[data-role="assistant"][data-status="stopped"] [data-kind="stopped"]')?.textContent).toBe('Stopped');
    // One note, not also the abort's own message.
    expect($$('[data-role="assistant"] .hayloft-note').map((note) => note.textContent)).toEqual(['Stopped']);
  },
  ModelLoading: () => expect($('.hayloft-progress progress')?.getAttribute('value')).toBe('45'),
  Images: () => expect($$('img.hayloft-image')).toHaveLength(2),
  Branches: () => expect($('[role="group"]')?.getAttribute('aria-label')).toBe('2 / 2'),
  Dark: () => expect($('.hayloft-root')?.dataset.theme).toBe('dark'),
  RightToLeft: () => expect($('.hayloft-root')?.getAttribute('dir')).toBe('rtl'),
  CustomLabels: () => expect($('.hayloft-send')?.textContent).toBe('Senden'),
  CustomRenderers: () => expect(react.container.textContent).toContain('🔧 get_weather({"city":"Köln",'),
  WithThreads: () => expect($('nav[aria-label="Chats"] [aria-current="page"]')).not.toBeNull(),
};

describe('stories', () => {
  for (const [name, Story] of Object.entries(composed) as Array<[keyof typeof composed, (typeof composed)[keyof typeof composed]]>) {
    it(`should render ${name} in its state with no axe violations`, async () => {
      react.mount(<Story />);
      await vi.waitFor(settled[name], { timeout: 8000, interval: 50 });
      const { violations } = await axe.run(react.container, { resultTypes: ['violations'] });
      expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
