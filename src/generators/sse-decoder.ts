/** One server-sent event: its `event:` name, if any, and its `data:` lines joined by newlines. */
export interface ServerSentEvent {
  event: string | undefined;
  data: string;
}

/**
 * A server-sent-event parser that works a network read at a time: it returns every event the read
 * completes, in one pass over the new text, so a read of a thousand events costs one call instead of
 * a thousand async steps. Follows the EventSource rules: `\n`, `\r\n` and `\r` end lines, a blank
 * line ends an event, `:` starts a comment, one space after the colon is dropped, several `data:`
 * lines join with `\n`. Like the `openai` client's decoder (and unlike EventSource), an event with a
 * name but no data is dispatched, with empty data, and so is an event the stream ends without its
 * blank line: a `data: [DONE]` or an error event right at the end is not lost.
 */
export class ServerSentEventDecoder {
  readonly #text = new TextDecoder();
  #pending = '';
  #afterCr = false;
  #event: string | undefined;
  #data: string | undefined;

  /** The events that `bytes` completes; `final` at the end of the stream (with or without bytes). */
  decode(bytes: Uint8Array | undefined, final = false): ServerSentEvent[] {
    // A final decode flushes a character the last read cut in half.
    let buffer = this.#pending + this.#text.decode(bytes, { stream: !final });
    if (this.#afterCr && buffer !== '') {
      // The last read ended on a '\r', taken then as a line end: a '\n' now is the rest of its '\r\n'.
      this.#afterCr = false;
      if (buffer.charCodeAt(0) === 10) buffer = buffer.slice(1);
    }
    if (buffer.includes('\r')) {
      // A '\r' ends its line at once, so an event a '\r' closes is returned from this read, not the next.
      this.#afterCr = !final && buffer.endsWith('\r');
      buffer = buffer.replace(/\r\n?/g, '\n');
    }
    const events: ServerSentEvent[] = [];
    let start = 0;
    for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
      if (end === start) {
        this.#dispatch(events);
      } else if (this.#data === undefined && this.#event === undefined && buffer.charCodeAt(end + 1) === 10 && buffer.startsWith('data: ', start)) {
        // Nearly every event is one `data: ` line and its blank line: taken in one step, with none of
        // the field parsing, the same event the general path below would make.
        events.push({ event: undefined, data: buffer.slice(start + 6, end) });
        start = end + 2;
        continue;
      } else {
        this.#field(buffer, start, end);
      }
      start = end + 1;
    }
    if (!final) {
      this.#pending = buffer.slice(start);
      return events;
    }
    if (start < buffer.length) this.#field(buffer, start, buffer.length);
    this.#pending = '';
    this.#dispatch(events);
    return events;
  }

  #dispatch(events: ServerSentEvent[]): void {
    if (this.#data !== undefined || this.#event !== undefined) events.push({ event: this.#event, data: this.#data ?? '' });
    this.#event = undefined;
    this.#data = undefined;
  }

  #field(buffer: string, start: number, end: number): void {
    if (buffer.charCodeAt(start) === 58 /* ':' comment */) return;
    const colon = buffer.indexOf(':', start);
    const nameEnd = colon === -1 || colon > end ? end : colon;
    let valueStart = nameEnd === end ? end : nameEnd + 1;
    if (buffer.charCodeAt(valueStart) === 32 && valueStart < end) valueStart += 1;
    const name = buffer.slice(start, nameEnd);
    if (name === 'data') {
      const value = buffer.slice(valueStart, end);
      this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    } else if (name === 'event') {
      this.#event = buffer.slice(valueStart, end);
    }
    // `id` and `retry` mean nothing to a one-shot completion stream.
  }
}
