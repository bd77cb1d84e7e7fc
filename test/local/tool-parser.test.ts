import { describe, expect, it } from 'vitest';
import { defaultToolParser } from '../../src/local/index.js';

const call = (toolName: string, args: Record<string, unknown>) => ({ type: 'tool_call', id: null, toolName, arguments: args });

describe('defaultToolParser', () => {
  it('should read one Hermes <tool_call> block', () => {
    const text = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Berlin"}}\n</tool_call>';
    expect(defaultToolParser(text)).toEqual([call('get_weather', { city: 'Berlin' })]);
  });

  it('should read every Hermes block, with nested arguments, in order', () => {
    const text = [
      'Let me look both up.',
      '<tool_call>\n{"name": "search", "arguments": {"query": "rain", "filters": {"year": 2024, "tags": ["a", "b"]}}}\n</tool_call>',
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Berlin", "units": {"temperature": "C"}}}\n</tool_call>',
    ].join('\n');
    expect(defaultToolParser(text)).toEqual([
      call('search', { query: 'rain', filters: { year: 2024, tags: ['a', 'b'] } }),
      call('get_weather', { city: 'Berlin', units: { temperature: 'C' } }),
    ]);
  });

  it('should read arguments given as a JSON string inside a block', () => {
    const text = '<tool_call>\n{"name": "get_weather", "arguments": "{\\"city\\": \\"Berlin\\"}"}\n</tool_call>';
    expect(defaultToolParser(text)).toEqual([call('get_weather', { city: 'Berlin' })]);
  });

  it('should read a block with empty arguments', () => {
    expect(defaultToolParser('<tool_call>\n{"name": "now", "arguments": {}}\n</tool_call>')).toEqual([call('now', {})]);
  });

  it("should read OpenAI's function form, in a block and bare", () => {
    expect(defaultToolParser('<tool_call>{"function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Berlin\\"}"}}</tool_call>')).toEqual([
      call('get_weather', { city: 'Berlin' }),
    ]);
    expect(defaultToolParser('{"function": {"name": "get_weather", "arguments": {"city": "Berlin"}}}')).toEqual([call('get_weather', { city: 'Berlin' })]);
  });

  it("should read Haystack's bare pattern without tags", () => {
    expect(defaultToolParser('{"name": "x", "arguments": {"a": 1}}')).toEqual([call('x', { a: 1 })]);
    expect(defaultToolParser('Calling it now: {"name": "x", "arguments": {"a": 1, "b": "two"}}')).toEqual([call('x', { a: 1, b: 'two' })]);
  });

  it('should read a tool call whose closing tag was cut off', () => {
    expect(defaultToolParser('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Berlin"}}')).toEqual([call('get_weather', { city: 'Berlin' })]);
  });

  it('should return null for text without calls', () => {
    expect(defaultToolParser('Hello from the tiny model.')).toBeNull();
    expect(defaultToolParser('')).toBeNull();
    expect(defaultToolParser('{"city": "Berlin"}')).toBeNull();
  });

  it('should return null for broken JSON', () => {
    expect(defaultToolParser('<tool_call>{"name": "x", "arguments": {"a": 1</tool_call>')).toBeNull();
    expect(defaultToolParser('{"name": "x", "arguments": {"a": }}')).toBeNull();
    expect(defaultToolParser('<tool_call>\n{"name": "x", "arguments": "{not json"}\n</tool_call>')).toBeNull();
  });

  it('should skip a broken block and keep the valid ones', () => {
    const text = '<tool_call>{"name": "x", "arguments": {"a": 1</tool_call><tool_call>{"name": "y", "arguments": {"b": 2}}</tool_call>';
    expect(defaultToolParser(text)).toEqual([call('y', { b: 2 })]);
  });

  it('should refuse a block without a name or with arguments that are not an object', () => {
    expect(defaultToolParser('<tool_call>{"name": "", "arguments": {"a": 1}}</tool_call>')).toBeNull();
    expect(defaultToolParser('<tool_call>{"name": "x", "arguments": [1, 2]}</tool_call>')).toBeNull();
  });
});
