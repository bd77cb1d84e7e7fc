import { describe, expectTypeOf, it } from 'vitest';
import {
  ChatMessage,
  OpenAIChatGenerator,
  Tool,
  type ChatGenerator,
  type ChatGeneratorResult,
  type StreamEnd,
  type StreamingChunk,
} from '../../src/index.js';

describe('public types', () => {
  it('should type every chat generator by the one contract', () => {
    const generator = new OpenAIChatGenerator();
    expectTypeOf(generator).toExtend<ChatGenerator>();
    expectTypeOf(generator.run([ChatMessage.fromUser('x')])).resolves.toEqualTypeOf<ChatGeneratorResult>();
    expectTypeOf(generator.stream([])).toEqualTypeOf<AsyncGenerator<StreamingChunk, StreamEnd, undefined>>();
    expectTypeOf<Parameters<OpenAIChatGenerator['run']>[1]>().toExtend<{ signal?: AbortSignal | undefined } | undefined>();
  });

  it('should infer tool arguments from a schema-typed invoke', () => {
    const tool = new Tool<{ city: string }>({
      name: 'weather',
      description: 'd',
      parameters: { type: 'object' },
      invoke: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ city: string }>();
        return args.city;
      },
    });
    expectTypeOf(tool).toExtend<Tool>();
  });

  it('should keep messages immutable', () => {
    const message = ChatMessage.fromUser('x');
    // @ts-expect-error role is readonly
    message.role = 'system';
    expectTypeOf(message.text).toEqualTypeOf<string | null>();
  });
});
