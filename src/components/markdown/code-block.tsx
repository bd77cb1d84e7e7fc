import { memo, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { BundledLanguage } from 'shiki';
import { useLabels } from '../labels.js';
import { CopyText } from './copy-text.js';

type Line = Array<{ content: string; style: CSSProperties }>;

// Highlighted blocks, by language and code: a block rendered again (a remount, a branch switch) is not re-highlighted.
const cache = new Map<string, Line[]>();

const highlight = async (code: string, lang: string): Promise<Line[] | null> => {
  const key = `${lang}\u0000${code}`;
  const cached = cache.get(key);
  if (cached) return cached;
  try {
    // Loaded on the first finished code block, never in the initial bundle.
    const { codeToTokens } = await import('shiki');
    const { tokens } = await codeToTokens(code, { lang: lang as BundledLanguage, themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } });
    const lines = tokens.map((line) => line.map((token) => ({ content: token.content, style: token.htmlStyle ?? {} })));
    cache.set(key, lines);
    return lines;
  } catch {
    return null; // an unknown language or a highlighter that failed to load: plain text is fine
  }
};

/** Props of {@link CodeBlock}. */
export interface CodeBlockProps {
  code: string;
  lang: string;
  /** False while the block is still being written: it is highlighted once it is finished. */
  final: boolean;
}

/** A fenced code block: language label, copy button, and syntax highlighting loaded lazily. */
export const CodeBlock = memo(function CodeBlock({ code, lang, final }: CodeBlockProps): ReactNode {
  const labels = useLabels();
  const language = lang.trim().split(/\s+/)[0] ?? '';
  const [lines, setLines] = useState<Line[] | null>(null);
  useEffect(() => {
    if (!final || language === '') return;
    let live = true;
    void highlight(code, language).then((result) => live && setLines(result));
    return () => {
      live = false;
    };
  }, [code, language, final]);
  return (
    <div className="hayloft-code" data-language={language || 'text'} data-highlighted={lines ? '' : undefined}>
      <div className="hayloft-code-header">
        <span>{language || 'text'}</span>
        <CopyText text={code} label={labels.copyCode} />
      </div>
      {/* Focusable, so a keyboard can scroll a long line. */}
      <pre tabIndex={0}>
        <code>
          {lines
            ? lines.map((line, index) => (
                <span key={index} className="hayloft-code-line">
                  {line.map((token, at) => (
                    <span key={at} style={token.style}>
                      {token.content}
                    </span>
                  ))}
                  {'\n'}
                </span>
              ))
            : code}
        </code>
      </pre>
    </div>
  );
});
