import { describe, expect, it } from 'vitest';
import { TextBuffer } from '../../src/core/text-buffer.js';

describe('TextBuffer', () => {
  it('should return the pieces joined in order across segment boundaries', () => {
    const buffer = new TextBuffer(3);
    const pieces = Array.from({ length: 10 }, (_, i) => `${i},`);
    for (const piece of pieces) buffer.append(piece);
    expect(buffer.toString()).toBe(pieces.join(''));
    buffer.append('more');
    expect(buffer.toString()).toBe(`${pieces.join('')}more`);
  });

  it('should report emptiness and ignore empty pieces', () => {
    const buffer = new TextBuffer();
    buffer.append('');
    expect(buffer.isEmpty).toBe(true);
    expect(buffer.toString()).toBe('');
    buffer.append('é🌍');
    expect(buffer.isEmpty).toBe(false);
    expect(buffer.toString()).toBe('é🌍');
  });
});
