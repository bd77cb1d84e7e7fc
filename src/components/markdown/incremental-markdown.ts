import { Lexer, type MarkedOptions, type Token } from 'marked';

const options: MarkedOptions = { gfm: true, breaks: false };

const normalize = (text: string): string => text.replace(/\r\n?/g, '\n');

// One of every block and inline form an answer commonly uses.
const sample = [
  '# Heading',
  'Text with **strong**, *emphasis*, `code`, ~~struck~~, [a link](https://example.com) and <https://example.com>.',
  '- item\n- item\n  1. nested\n  2. nested',
  '> quoted',
  '```ts\nconst x = 1;\n```',
  '| a | b |\n| --- | :-: |\n| 1 | 2 |',
  '---',
  'Setext\n===',
].join('\n\n');

/**
 * Lexes a sample once, so marked's regular expressions are compiled before the first answer arrives:
 * in a fresh page that first lex is several times slower than the next, and it would land in the
 * frame that shows the end of the first answer. A few milliseconds, run when the renderer loads.
 */
export const warmUpLexer = (): void => {
  Lexer.lex(sample, options);
};

/**
 * Lexes a growing markdown text without re-lexing what is finished: every block before the last one
 * is kept as it was, and only the tail is lexed again on each update. Appending is the fast path,
 * and costs what the tail costs, not what the whole text does; any other change lexes the whole text
 * once.
 */
export class IncrementalMarkdown {
  /** The last input as given, and the same text with its line endings normalised. */
  #raw = '';
  #text = '';
  #stable: Token[] = [];
  #stableLength = 0;
  #tokens: readonly Token[] = [];
  readonly #groupSize: number;
  /** Runs of `groupSize` finished blocks, each the same array from update to update. */
  #sealed: Token[][] = [];

  /** @param groupSize How many blocks {@link IncrementalMarkdown.groups} puts in each group. */
  constructor(groupSize = 32) {
    this.#groupSize = groupSize;
  }

  /** The blocks of `text`; finished blocks are the same objects as in the previous call. */
  update(input: string): readonly Token[] {
    // Every step here costs what the appended part costs: comparing sliced strings with === is a
    // memory compare, where startsWith and a regular expression over the whole text walk it in
    // JavaScript (about 0.1 ms each per update at 20,000 tokens, at every animation frame).
    const appended = input.length >= this.#raw.length && input.slice(0, this.#raw.length) === this.#raw && !this.#raw.endsWith('\r');
    let text: string;
    if (!appended) text = normalize(input);
    else {
      const part = input.slice(this.#raw.length);
      // An appended part is normalised alone (unless the text so far ends in a \r that a \n may follow).
      text = this.#text === this.#raw && !part.includes('\r') ? input : this.#text + normalize(part);
    }
    if (!appended && text.slice(0, this.#stableLength) !== this.#text.slice(0, this.#stableLength)) this.#reset();
    this.#raw = input;
    this.#text = text;
    const tail = Lexer.lex(text.slice(this.#stableLength), options);
    // marked's token raws tile the input; if they ever do not, lexing the tail alone is not safe.
    if (tail.reduce((length, token) => length + token.raw.length, 0) !== text.length - this.#stableLength) {
      this.#reset();
      this.#tokens = Lexer.lex(text, options);
      return this.#tokens;
    }
    let lastContent = tail.length - 1;
    while (lastContent > 0 && tail[lastContent]?.type === 'space') lastContent -= 1;
    // The last block may still change (a list grows, a fence closes); everything before it is final.
    for (const token of tail.slice(0, Math.max(0, lastContent))) {
      this.#stable.push(token);
      this.#stableLength += token.raw.length;
    }
    const size = this.#groupSize;
    while (this.#stable.length >= (this.#sealed.length + 1) * size) {
      this.#sealed.push(this.#stable.slice(this.#sealed.length * size, (this.#sealed.length + 1) * size));
    }
    this.#tokens = [...this.#stable, ...tail.slice(Math.max(0, lastContent))];
    return this.#tokens;
  }

  /** How many of the blocks returned last are final. */
  get stableCount(): number {
    return this.#stable.length;
  }

  /**
   * The blocks returned last, in runs of `groupSize`: block `i` is always in group `i / groupSize`,
   * and a group of finished blocks is the same array from update to update, so a renderer can skip it
   * whole instead of comparing each of its blocks on every update of a long answer.
   */
  get groups(): readonly (readonly Token[])[] {
    const size = this.#groupSize;
    const groups: (readonly Token[])[] = [...this.#sealed];
    for (let start = this.#sealed.length * size; start < this.#tokens.length; start += size) groups.push(this.#tokens.slice(start, start + size));
    return groups;
  }

  #reset(): void {
    this.#stable = [];
    this.#stableLength = 0;
    this.#sealed = [];
  }
}
