import { memo, useMemo, useRef, type ReactNode } from 'react';
import type { Token } from 'marked';
import { IncrementalMarkdown } from './incremental-markdown.js';
import { renderBlock } from './render-block.js';

const Block = memo(function Block({ token, final }: { token: Token; final: boolean }): ReactNode {
  return renderBlock(token, final);
});

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  /** The markdown text; it may grow on every render (a streaming answer). */
  text: string;
}

/**
 * Renders GitHub-flavoured markdown from a model safely (no HTML, safe links, images on click) and
 * incrementally: finished blocks keep their token and are not re-rendered, so a streaming answer
 * re-renders only the block being written.
 *
 * @example
 * <Markdown text={message.text ?? ''} />
 */
export const Markdown = memo(function Markdown({ text }: MarkdownProps): ReactNode {
  const lexer = useRef<IncrementalMarkdown | null>(null);
  lexer.current ??= new IncrementalMarkdown();
  const incremental = lexer.current;
  const tokens = useMemo(() => incremental.update(text), [incremental, text]);
  const stable = incremental.stableCount;
  return tokens.map((token, index) => <Block key={index} token={token} final={index < stable} />);
});
