const linkProtocols = new Set(['https:', 'http:', 'mailto:']);
const imageProtocols = new Set(['https:', 'http:']);

const parse = (href: string, allowed: ReadonlySet<string>): string | null => {
  try {
    const url = new URL(href.trim());
    return allowed.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
};

/**
 * The URL of a link in model output if it is `https:`, `http:` or `mailto:`; null otherwise
 * (`javascript:`, `data:`, relative URLs, garbage), and the link is shown as plain text.
 */
export const safeLinkUrl = (href: string): string | null => parse(href, linkProtocols);

/** The URL of an image in model output if it is `https:` or `http:`; null otherwise. */
export const safeImageUrl = (href: string): string | null => parse(href, imageProtocols);
