import { memo, useMemo, useRef, type ReactNode } from 'react';
import type { Token } from 'marked';
import { IncrementalMarkdown } from './incremental-markdown.js';

export { warmUpLexer } from './incremental-markdown.js';
import { renderBlock } from './render-block.js';

// Blocks per group: a long answer (hundreds of blocks) re-renders one group per update, not every block.
const groupSize = 32;

const Block = memo(function Block({ token, final }: { token: Token; final: boolean }): ReactNode {
  return renderBlock(token, final);
});

// No element of its own: the blocks stay direct children of the message, as if there were no groups.
// Blank lines and link definitions render nothing: they get no component (an answer has about as many as paragraphs).
const Group = memo(function Group({ tokens, finalCount }: { tokens: readonly Token[]; finalCount: number }): ReactNode {
  return tokens.map((token, index) => (token.type === 'space' || token.type === 'def' ? null : <Block key={index} token={token} final={index < finalCount} />));
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
  lexer.current ??= new IncrementalMarkdown(groupSize);
  const incremental = lexer.current;
  const groups = useMemo(() => {
    incremental.update(text);
    return incremental.groups;
  }, [incremental, text]);
  const stable = incremental.stableCount;
  // A finished group's tokens and count never change, so React skips it without visiting its blocks.
  return groups.map((tokens, index) => <Group key={index} tokens={tokens} finalCount={Math.min(tokens.length, Math.max(0, stable - index * groupSize))} />);
});
