import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown } from '../../src/components/markdown/incremental-markdown.js';
import { safeImageUrl, safeLinkUrl } from '../../src/components/markdown/safe-url.js';

const answer = `## Title

Some **bold** text with a [link](https://example.com).

- one
- two
  continued

| a | b |
| - | - |
| 1 | 2 |

\`\`\`ts
const x = 1;

const y = 2;
\`\`\`

> quoted
> text

1. first
2. second

Done.`;

const shape = (tokens: readonly { type: string; raw: string }[]) => tokens.map((token) => [token.type, token.raw]);

describe('IncrementalMarkdown', () => {
  it('should give the same blocks as lexing the whole text, at every length of a stream', () => {
    const lexer = new IncrementalMarkdown();
    for (let end = 1; end <= answer.length; end += 1) {
      const text = answer.slice(0, end);
      expect(shape(lexer.update(text)), `after ${end} characters`).toEqual(shape(Lexer.lex(text, { gfm: true })));
    }
  });

  it('should keep finished blocks as the same objects and lex only the tail', () => {
    const lexer = new IncrementalMarkdown();
    const first = lexer.update('# Title\n\nA paragraph.\n\nAnother');
    expect(lexer.stableCount).toBe(4);
    const second = lexer.update('# Title\n\nA paragraph.\n\nAnother one, longer.\n\n- item');
    expect(second[0]).toBe(first[0]);
    expect(second[2]).toBe(first[2]);
    expect(second.at(-1)?.type).toBe('list');
  });

  it('should start again when the text is replaced rather than extended', () => {
    const lexer = new IncrementalMarkdown();
    lexer.update('# One\n\nFirst answer.\n\nMore');
    expect(shape(lexer.update('Something else entirely'))).toEqual(shape(Lexer.lex('Something else entirely')));
  });

  it('should give the same blocks for Windows line endings, even with a \\r\\n split across two updates', () => {
    const text = answer.replace(/\n/g, '\r\n');
    const lexer = new IncrementalMarkdown();
    for (let end = 1; end <= text.length; end += 1) {
      const normalised = text.slice(0, end).replace(/\r\n?/g, '\n');
      expect(shape(lexer.update(text.slice(0, end))), `after ${end} characters`).toEqual(shape(Lexer.lex(normalised, { gfm: true })));
    }
  });

  it('should hand out finished blocks in groups that stay the same arrays as the text grows', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.`);
    const lexer = new IncrementalMarkdown(4);
    let text = '';
    let previous: readonly (readonly unknown[])[] = [];
    for (const paragraph of paragraphs) {
      text += `${paragraph}\n\n`;
      const tokens = lexer.update(text);
      const { groups } = lexer;
      // Block i is in group i / 4, in order, and the groups hold every block.
      expect(groups.flat()).toEqual(tokens);
      for (const group of groups.slice(0, -1)) expect(group).toHaveLength(4);
      // A group of finished blocks is the very same array in the next update.
      const sealed = Math.floor(lexer.stableCount / 4);
      for (let index = 0; index < Math.min(sealed, previous.length - 1); index += 1) expect(groups[index]).toBe(previous[index]);
      previous = groups;
    }
    expect(Math.floor(lexer.stableCount / 4)).toBeGreaterThan(15);
  });

  it('should render an unclosed code fence as code while it streams', () => {
    const tokens = new IncrementalMarkdown().update('Look:\n\n```python\nprint(1)\n');
    expect(tokens.at(-1)).toMatchObject({ type: 'code', lang: 'python', text: 'print(1)' });
  });
});

describe('safe URLs', () => {
  it('should allow https, http and mailto links and nothing else', () => {
    expect(safeLinkUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeLinkUrl('mailto:a@example.com')).toBe('mailto:a@example.com');
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '//evil.example/x', 'file:///etc/passwd']) {
      expect(safeLinkUrl(bad), bad).toBeNull();
    }
    expect(safeImageUrl('https://example.com/a.png')).toBe('https://example.com/a.png');
    expect(safeImageUrl('data:image/png;base64,AAAA')).toBeNull();
  });
});
