import { useEffect, useState, type ReactNode } from 'react';
import type * as MarkdownExports from './markdown.js';
import type { MarkdownProps } from './markdown.js';

type MarkdownModule = typeof MarkdownExports;

let loaded: MarkdownModule | null = null;
let loading: Promise<MarkdownModule> | null = null;

/**
 * Loads the markdown renderer (marked and the block renderer, about 17 KB gzip) if it is not loaded
 * yet, and warms its lexer up. `<Chat>` calls it once the page is idle, so it is ready before the
 * first answer arrives, without weighing on the page's first load.
 */
export const preloadMarkdown = (): Promise<MarkdownModule> => {
  loading ??= import('./markdown.js').then((module) => {
    module.warmUpLexer();
    loaded = module;
    return module;
  });
  return loading;
};

/** Renders markdown once the renderer is loaded, and the text as it is until then. */
export function LazyMarkdown({ text }: MarkdownProps): ReactNode {
  const [module, setModule] = useState<MarkdownModule | null>(loaded);
  useEffect(() => {
    if (module) return;
    let live = true;
    void preloadMarkdown().then((next) => live && setModule(next));
    return () => {
      live = false;
    };
  }, [module]);
  if (!module) return <p className="hayloft-plain-text">{text}</p>;
  return <module.Markdown text={text} />;
}
