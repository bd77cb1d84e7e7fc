/**
 * `hayloft/react`: hooks over a framework-free chat controller and store. The controller and store
 * run without React (Node, tests, other frameworks); the hooks bind them one slice at a time.
 * @packageDocumentation
 */
export { ChatController } from './chat-controller.js';
export type {
  BranchInfo,
  ChatControllerOptions,
  ChatControllerSettings,
  ChatInput,
  FrameScheduler,
  MessageRef,
} from './chat-controller.js';
export { activeMessages, activePath, createChatStore, siblingsOf } from './chat-store.js';
export type { ChatState, ChatStatus, ChatStore, ChatThread, MessageNode } from './chat-store.js';
export { messageUsage, threadUsage } from './chat-usage.js';
export type { ThreadUsage, TokenUsage } from './chat-usage.js';
export { createLocalStorage, createMemoryStorage } from './chat-storage.js';
export type { ChatStorage, StringStorage } from './chat-storage.js';
export { createIndexedDBStorage } from './indexeddb-storage.js';
export { persistChatStore } from './persist-chat-store.js';
export type { PersistHandle, PersistOptions } from './persist-chat-store.js';
export type { OnToolCall } from './run-tool-call.js';
export { HayloftProvider } from './hayloft-provider.js';
export { useHayloftContext } from './hayloft-context.js';
export type { HayloftContextValue } from './hayloft-context.js';
export type { HayloftProviderProps } from './hayloft-provider.js';
export { ChatProvider, useChatController } from './chat-provider.js';
export type { ChatProviderProps, ChatSource } from './chat-provider.js';
export { useChatGenerator } from './use-chat-generator.js';
export type { UseChatGeneratorOptions, UseChatGeneratorResult } from './use-chat-generator.js';
export { useChatMessages } from './use-chat-messages.js';
export { useStreamingMessage } from './use-streaming-message.js';
export { useChatStatus } from './use-chat-status.js';
export { useChatUsage } from './use-chat-usage.js';
export { useChatSelector } from './use-chat-selector.js';
export type { ChatStatusSlice } from './use-chat-status.js';
export { useMessageBranch } from './use-message-branch.js';
export type { MessageBranch } from './use-message-branch.js';
export { useThreads } from './use-threads.js';
export type { ThreadList, ThreadSummary } from './use-threads.js';
export { useLocalModel } from './use-local-model.js';
export type { LocalModelProgress, UseLocalModelResult } from './use-local-model.js';
export { useModels } from './use-models.js';
export { usePipeline } from './use-pipeline.js';
export type { PipelineStream, RunnablePipeline, UsePipelineResult } from './use-pipeline.js';
export type { ModelInfo } from './use-models.js';
