import { describe, expect, it } from 'vitest';
import { ServerSentEventDecoder, type ServerSentEvent } from '../../src/generators/sse-decoder.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `parts` as separate network reads, then ends the stream. */
const decodeAll = (...parts: Array<string | Uint8Array>): ServerSentEvent[] => {
  const decoder = new ServerSentEventDecoder();
  const events = parts.flatMap((part) => decoder.decode(typeof part === 'string' ? bytes(part) : part));
  return [...events, ...decoder.decode(undefined, true)];
};

describe('ServerSentEventDecoder', () => {
  it('should return every event a read completes, and keep a partial one for the next read', () => {
    const decoder = new ServerSentEventDecoder();
    expect(decoder.decode(bytes('data: {"a":1}\n\ndata: {"b"'))).toEqual([{ event: undefined, data: '{"a":1}' }]);
    expect(decoder.decode(bytes(':2}\n\ndata: [DONE]\n\n'))).toEqual([
      { event: undefined, data: '{"b":2}' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('should end lines at \\r\\n, \\r and \\n, with a \\r\\n split across reads counted once', () => {
    expect(decodeAll('data: one\r\n\r\ndata: two\r', '\n\r\ndata: three\r\rdata: four\n\n')).toEqual([
      { event: undefined, data: 'one' },
      { event: undefined, data: 'two' },
      { event: undefined, data: 'three' },
      { event: undefined, data: 'four' },
    ]);
  });

  it('should return an event ended by \\r from the read that ends it, not the next one', () => {
    const decoder = new ServerSentEventDecoder();
    expect(decoder.decode(bytes('data: one\r\r'))).toEqual([{ event: undefined, data: 'one' }]);
    // A '\n' that opens the next read is the second half of a '\r\n', not a blank line.
    expect(decoder.decode(bytes('\ndata: two\r'))).toEqual([]);
    expect(decoder.decode(bytes('\r\n'))).toEqual([{ event: undefined, data: 'two' }]);
    // Read as a blank line, that '\n' would split one event in two; an empty read in between changes nothing.
    expect(decoder.decode(bytes('data: three\r'))).toEqual([]);
    expect(decoder.decode(new Uint8Array(0))).toEqual([]);
    expect(decoder.decode(bytes('\ndata: four\r\r'))).toEqual([{ event: undefined, data: 'three\nfour' }]);
    expect(decoder.decode(undefined, true)).toEqual([]);
  });

  it('should join data lines, read event names, skip comments and drop one space after the colon', () => {
    expect(decodeAll(': ping\n\nevent: error\ndata:{"x":\ndata:  1}\nid: 7\nretry: 10\n\n')).toEqual([{ event: 'error', data: '{"x":\n 1}' }]);
  });

  it('should read a one-line data event as the field rules do, next to events that need them', () => {
    expect(decodeAll('data: a\ndata: b\n\nevent: e\ndata: c\n\ndata:  two\n\ndata:d\n\ndata: \n\ndata: e\n', '\ndata: f\n\n')).toEqual([
      { event: undefined, data: 'a\nb' },
      { event: 'e', data: 'c' },
      { event: undefined, data: ' two' },
      { event: undefined, data: 'd' },
      { event: undefined, data: '' },
      { event: undefined, data: 'e' },
      { event: undefined, data: 'f' },
    ]);
  });

  it('should treat a line without a colon as a field with an empty value, and dispatch a named event without data, as the openai client does', () => {
    expect(decodeAll('event: lonely\n\ndata\n\n\n')).toEqual([
      { event: 'lonely', data: '' },
      { event: undefined, data: '' },
    ]);
  });

  it('should decode a character split across reads', () => {
    const text = bytes('data: "héllo ✓"\n\n');
    const cut = text.indexOf(0xe2) + 1; // inside the three bytes of ✓
    expect(decodeAll(text.subarray(0, cut), text.subarray(cut))).toEqual([{ event: undefined, data: '"héllo ✓"' }]);
  });

  it('should dispatch the event the stream ends on without its blank line, as the openai client does', () => {
    expect(decodeAll('data: {"a":1}\n\ndata: [DONE]\n')).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: '[DONE]' },
    ]);
    expect(decodeAll('data: {"a":1}\n\nevent: error\ndata: {"cut":')).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: 'error', data: '{"cut":' },
    ]);
  });
});
