/**
 * Collects many small strings into one, in time linear in their total length.
 *
 * Pieces are concatenated into a rope and flattened every `segment` pieces, so the small piece
 * strings die young instead of being kept alive (and copied by the garbage collector) until the end.
 * With 100,000 pieces this keeps the cost per piece flat where an array of pieces grows with n.
 */
export class TextBuffer {
  readonly #segments: string[] = [];
  #current = '';
  #count = 0;
  #empty = true;

  constructor(private readonly segment = 256) {}

  /** Adds a piece. */
  append(piece: string): void {
    if (piece === '') return;
    this.#empty = false;
    this.#current += piece;
    this.#count += 1;
    if (this.#count === this.segment) this.#seal();
  }

  /** True until a non-empty piece was added. */
  get isEmpty(): boolean {
    return this.#empty;
  }

  /** The whole text. */
  toString(): string {
    this.#seal();
    if (this.#segments.length > 1) this.#segments.splice(0, this.#segments.length, this.#segments.join(''));
    return this.#segments[0] ?? '';
  }

  #seal(): void {
    if (this.#current === '') return;
    // Number() reads every character, which makes V8 flatten the rope into one sequential string.
    Number(this.#current);
    this.#segments.push(this.#current);
    this.#current = '';
    this.#count = 0;
  }
}
