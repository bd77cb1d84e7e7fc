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
 * Tokens are decoded together since the last line break, as transformers.js's `TextStreamer` does:
 * SentencePiece tokenizers drop a leading space when a word is decoded on its own.
 */
export class ReplyStreamer {
  readonly #tokenizer: StreamingTokenizer;
  readonly #options: ReplyStreamerOptions;
  readonly #special: Set<bigint>;
  #sawPrompt = false;
  #cache: bigint[] = [];
  #printed = 0;
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
    this.#cache.push(token);
    const text = this.#tokenizer.decode(this.#cache, { skip_special_tokens: true });
    // A multi-byte character split over tokens decodes to U+FFFD until its last byte arrives.
    if (text.endsWith('\uFFFD')) return;
    const fresh = text.slice(this.#printed);
    if (text.endsWith('\n')) {
      this.#cache = [];
      this.#printed = 0;
    } else {
      this.#printed = text.length;
    }
    if (fresh !== '') this.#push(fresh);
  }

  /** Called by `generate()` at the end: flushes what was held back. */
  end(): void {
    if (this.#stopped) return;
    if (this.#cache.length > 0) {
      const rest = this.#tokenizer.decode(this.#cache, { skip_special_tokens: true }).slice(this.#printed);
      this.#cache = [];
      this.#printed = 0;
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
    let hold = 0;
    for (const word of stopWords) {
      for (let length = Math.min(word.length - 1, pending.length); length > hold; length -= 1) {
        if (pending.endsWith(word.slice(0, length))) {
          hold = length;
          break;
        }
      }
    }
    this.#pending = pending.slice(pending.length - hold);
    if (pending.length > hold) this.#emit(pending.slice(0, pending.length - hold));
  }

  #emit(text: string): void {
    this.#emitted.push(text);
    this.#options.onText(text);
  }
}
