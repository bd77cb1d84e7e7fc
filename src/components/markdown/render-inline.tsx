import { useState, type ReactNode } from 'react';
import type { Token, Tokens } from 'marked';
import { useLabels } from '../labels.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';

/**
 * An image from model output: not loaded until the user asks, because loading it would send a request
 * the model chose (and a URL can carry data out of the page).
 */
function ClickToLoadImage({ href, alt }: { href: string; alt: string }): ReactNode {
  const labels = useLabels();
  const [load, setLoad] = useState(false);
  const url = safeImageUrl(href);
  if (!url) return alt;
  if (load) return <img src={url} alt={alt} referrerPolicy="no-referrer" className="hayloft-md-image" />;
  return (
    <button type="button" className="hayloft-image-placeholder" onClick={() => setLoad(true)}>
      {labels.loadImage(alt, new URL(url).host)}
    </button>
  );
}

/** Inline tokens as React elements; text is always text, never HTML. */
export const renderInline = (tokens: readonly Token[] | undefined, fallback = ''): ReactNode => {
  if (!tokens) return fallback;
  return tokens.map((token, index) => renderInlineToken(token, index));
};

const renderInlineToken = (token: Token, key: number): ReactNode => {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? <span key={key}>{renderInline(text.tokens)}</span> : decode(text.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'strong':
      return <strong key={key}>{renderInline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{renderInline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{renderInline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code key={key}>{decode((token as Tokens.Codespan).text)}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = token as Tokens.Link;
      const url = safeLinkUrl(link.href);
      const children = renderInline(link.tokens, link.text);
      return url ? (
        <a key={key} href={url} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      ) : (
        <span key={key}>{children}</span>
      );
    }
    case 'image': {
      const image = token as Tokens.Image;
      return <ClickToLoadImage key={key} href={image.href} alt={image.text} />;
    }
    // Raw HTML from a model is shown as the text it is, never rendered.
    case 'html':
      return (token as Tokens.HTML).raw;
    default:
      return 'raw' in token ? token.raw : null;
  }
};

// marked escapes &, <, >, " and ' in text tokens for HTML output; React escapes on its own.
const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
