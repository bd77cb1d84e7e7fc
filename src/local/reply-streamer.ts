/**
 * The length of the longest end of `text` that is the start (not the whole) of one of `words`: text
 * that may still become one of them, and must wait for the next piece.
 */
export const startOfAnyAtEnd = (text: string, words: readonly string[]): number => {
  let hold = 0;
  for (const word of words) {
    for (let length = Math.min(word.length - 1, text.length); length > hold; length -= 1) {
      if (text.endsWith(word.slice(0, length))) {
        hold = length;
        break;
      }
    }
  }
  return hold;
};

/** The tokenizer calls the streamer needs (a transformers.js `PreTrainedTokenizer`). */
export interface StreamingTokenizer {
  decode(ids: bigint[], options: { skip_special_tokens: boolean }): string;
  readonly all_special_ids: readonly (number | bigint)[];
}

/** Options of a {@link ReplyStreamer}. */
export interface ReplyStreamerOptions {
  readonly onText: (text: string) => void;
  /** Called once when a stop word appears; the caller interrupts generation. */
  readonly onStopWord: () => void;
  readonly stopWords: readonly string[];
  readonly eosTokenIds: readonly bigint[];
}

/**
 * A transformers.js streamer (`put`/`end`) that turns token ids into text per token, holds back
 * an unfinished UTF-8 character or a possible start of a stop word, and cuts the reply at a stop word.
 *
 * Decoding is incremental, as in TGI and vLLM: each step decodes a short window (the tokens of the
 * last emitted piece plus the new ones) and emits what the new tokens add to it. A token is never
 * decoded on its own (SentencePiece tokenizers drop a word's leading space then), and the cost per
 * token stays constant, where `TextStreamer` re-decodes the whole line on every token.
 */
export class ReplyStreamer {
  readonly #tokenizer: StreamingTokenizer;
  readonly #options: ReplyStreamerOptions;
  readonly #special: Set<bigint>;
  #sawPrompt = false;
  #ids: bigint[] = [];
  #prefixOffset = 0;
  #readOffset = 0;
  #pending = '';
  #emitted: string[] = [];
  #stopped = false;
  /** New tokens so far (the end-of-sequence token included). */
  tokens = 0;
  /** True when the last token was an end-of-sequence token. */
  sawEos = false;
  /** `performance.now()` of the first new token. */
  firstTokenAt: number | null = null;

  constructor(tokenizer: StreamingTokenizer, options: ReplyStreamerOptions) {
    this.#tokenizer = tokenizer;
    this.#options = options;
    this.#special = new Set(tokenizer.all_special_ids.map((id) => BigInt(id)));
  }

  /** True once a stop word ended the reply. */
  get stoppedByWord(): boolean {
    return this.#stopped;
  }

  /** The text emitted so far. */
  get text(): string {
    return this.#emitted.join('');
  }

  /** Called by `generate()`: first with the prompt, then with each new token. */
  put(value: bigint[][]): void {
    if (!this.#sawPrompt) {
      this.#sawPrompt = true;
      return;
    }
    const token = value[0]?.[0];
    if (token === undefined) return;
    this.tokens += 1;
    this.firstTokenAt ??= performance.now();
    this.sawEos = this.#options.eosTokenIds.includes(token);
    if (this.#stopped || this.#special.has(token)) return;
    this.#ids.push(token);
    const prefix = this.#decode(this.#prefixOffset, this.#readOffset);
    const text = this.#decode(this.#prefixOffset, this.#ids.length);
    // A multi-byte character split over tokens decodes to U+FFFD until its last byte arrives.
    if (text.length <= prefix.length || text.endsWith('\uFFFD')) return;
    this.#prefixOffset = this.#readOffset;
    this.#readOffset = this.#ids.length;
    this.#push(text.slice(prefix.length));
  }

  #decode(from: number, to: number): string {
    return from === to ? '' : this.#tokenizer.decode(this.#ids.slice(from, to), { skip_special_tokens: true });
  }

  /** Called by `generate()` at the end: flushes what was held back. */
  end(): void {
    if (this.#stopped) return;
    if (this.#readOffset < this.#ids.length) {
      const prefix = this.#decode(this.#prefixOffset, this.#readOffset);
      const rest = this.#decode(this.#prefixOffset, this.#ids.length).slice(prefix.length);
      this.#readOffset = this.#ids.length;
      if (rest !== '') this.#pending += rest;
    }
    if (this.#pending !== '') this.#emit(this.#pending);
    this.#pending = '';
  }

  #push(fresh: string): void {
    const { stopWords } = this.#options;
    if (stopWords.length === 0) {
      this.#emit(fresh);
      return;
    }
    const pending = this.#pending + fresh;
    let cut = -1;
    for (const word of stopWords) {
      const at = pending.indexOf(word);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.#pending = '';
      this.#stopped = true;
      if (cut > 0) this.#emit(pending.slice(0, cut));
      this.#options.onStopWord();
      return;
    }
    // Hold back the longest tail that could still grow into a stop word.
    const hold = startOfAnyAtEnd(pending, stopWords);
    this.#pending = pending.slice(pending.length - hold);
    if (pending.length > hold) this.#emit(pending.slice(0, pending.length - hold));
  }

  #emit(text: string): void {
    this.#emitted.push(text);
    this.#options.onText(text);
  }
}
