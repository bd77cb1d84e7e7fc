import { describe, expectTypeOf, it } from 'vitest';
import type { ChatMessage, HayloftError, ToolCall } from '../../src/index.js';
import {
  useChatGenerator,
  useChatMessages,
  useChatStatus,
  useLocalModel,
  useModels,
  useStreamingMessage,
  type ChatInput,
  type ChatStatus,
  type ModelInfo,
  type ThreadUsage,
  type UseChatGeneratorResult,
} from '../../src/react/index.js';

describe('hayloft/react public types', () => {
  it('should type what useChatGenerator returns', () => {
    expectTypeOf(useChatGenerator).returns.toEqualTypeOf<UseChatGeneratorResult>();
    expectTypeOf<UseChatGeneratorResult['messages']>().toEqualTypeOf<readonly ChatMessage[]>();
    expectTypeOf<UseChatGeneratorResult['streaming']>().toEqualTypeOf<ChatMessage | null>();
    expectTypeOf<UseChatGeneratorResult['status']>().toEqualTypeOf<ChatStatus>();
    expectTypeOf<ChatStatus>().toEqualTypeOf<'ready' | 'submitted' | 'streaming' | 'awaiting-approval' | 'awaiting-tool-result' | 'error'>();
    expectTypeOf<UseChatGeneratorResult['error']>().toEqualTypeOf<HayloftError | null>();
    expectTypeOf<UseChatGeneratorResult['usage']>().toEqualTypeOf<ThreadUsage>();
    expectTypeOf<UseChatGeneratorResult['pendingToolCalls']>().toEqualTypeOf<readonly ToolCall[]>();
    expectTypeOf<UseChatGeneratorResult['send']>().parameter(0).toEqualTypeOf<ChatInput>();
    expectTypeOf<{ text: string; files: File[] }>().toExtend<ChatInput>();
  });

  it('should type the slice and query hooks', () => {
    expectTypeOf(useChatMessages).returns.toEqualTypeOf<readonly ChatMessage[]>();
    expectTypeOf(useStreamingMessage).returns.toEqualTypeOf<ChatMessage | null>();
    expectTypeOf(useChatStatus).returns.toHaveProperty('status').toEqualTypeOf<ChatStatus>();
    expectTypeOf(useLocalModel).returns.toHaveProperty('status').toEqualTypeOf<'loading' | 'ready' | 'error'>();
    expectTypeOf(useModels).returns.toHaveProperty('data').toEqualTypeOf<readonly ModelInfo[] | undefined>();
  });
});
