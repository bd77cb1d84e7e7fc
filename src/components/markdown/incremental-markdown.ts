import { Lexer, type MarkedOptions, type Token } from 'marked';

const options: MarkedOptions = { gfm: true, breaks: false };

/**
 * Lexes a growing markdown text without re-lexing what is finished: every block before the last one
 * is kept as it was, and only the tail is lexed again on each update. Appending is the fast path;
 * any other change lexes the whole text once.
 */
export class IncrementalMarkdown {
  #text = '';
  #stable: Token[] = [];
  #stableLength = 0;

  /** The blocks of `text`; finished blocks are the same objects as in the previous call. */
  update(input: string): readonly Token[] {
    const text = input.replace(/\r\n?/g, '\n');
    if (!text.startsWith(this.#text.slice(0, this.#stableLength))) {
      this.#stable = [];
      this.#stableLength = 0;
    }
    this.#text = text;
    const tail = Lexer.lex(text.slice(this.#stableLength), options);
    // marked's token raws tile the input; if they ever do not, lexing the tail alone is not safe.
    if (tail.reduce((length, token) => length + token.raw.length, 0) !== text.length - this.#stableLength) {
      this.#stable = [];
      this.#stableLength = 0;
      return Lexer.lex(text, options);
    }
    let lastContent = tail.length - 1;
    while (lastContent > 0 && tail[lastContent]?.type === 'space') lastContent -= 1;
    // The last block may still change (a list grows, a fence closes); everything before it is final.
    for (const token of tail.slice(0, Math.max(0, lastContent))) {
      this.#stable.push(token);
      this.#stableLength += token.raw.length;
    }
    return [...this.#stable, ...tail.slice(Math.max(0, lastContent))];
  }

  /** How many of the blocks returned last are final. */
  get stableCount(): number {
    return this.#stable.length;
  }
}
