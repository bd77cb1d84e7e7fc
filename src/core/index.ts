export { ChatMessage, chatRoles, toToolCall } from './chat-message.js';
export type {
  AssistantMessageOptions,
  ChatMessageMeta,
  ChatMessageOptions,
  ChatRole,
  ToolMessageOptions,
  UserContentPart,
} from './chat-message.js';
export type {
  ChatMessageDict,
  ContentPartDict,
  ImageContentDict,
  OpenAIChatMessage,
  OpenAIUserContentPart,
  ToolCallDict,
} from './chat-message-dict.js';
export { ImageContent } from './content.js';
export type {
  ContentPart,
  ImageContentOptions,
  ImageDetail,
  ReasoningContent,
  TextContent,
  ToolCall,
  ToolCallResult,
} from './content.js';
export { finishReasons } from './streaming-chunk.js';
export type { ComponentInfo, FinishReason, StreamingCallback, StreamingChunk, ToolCallDelta } from './streaming-chunk.js';
export { StreamAssembler, assembleChunks } from './stream-assembler.js';
export type { ErrorMeta, InvalidToolCall, StreamEnd } from './stream-assembler.js';
export { Tool, Toolset, flattenTools, toolResultToString } from './tool.js';
export type { OpenAIToolDefinition, ToolDict, ToolInvokeContext, ToolOptions, ToolsInput, ToolsetDict } from './tool.js';
export { Secret } from './secret.js';
export type { SecretDict } from './secret.js';
export { AbortError, ConfigError, HayloftError, ModelLoadError, ProviderError, ToolError } from './errors.js';
export type { HayloftErrorKind, HayloftErrorOptions, ProviderErrorOptions, ToolErrorOptions } from './errors.js';
export { defaultToDict, readComponentDict } from './component.js';
export type { Component, ComponentClass, ComponentDict, ComponentSockets, InvokeOptions, SocketSpec } from './component.js';
export { isStandardSchema, toJsonSchema } from './schema.js';
export type { JsonSchema, SchemaIssue, StandardJsonSchemaLike } from './schema.js';
export type { ChatGenerator, ChatGeneratorResult, ChatGeneratorRunOptions, GenerationKwargs } from './chat-generator.js';
export { isLoadableModel } from './model-progress.js';
export type { LoadableModel, ModelDevice, ModelLoadProgress, ModelProgressEvent, WarmUpOptions } from './model-progress.js';
export { chatGeneratorSockets } from './generator-component.js';
export type { ChatGeneratorInputs, GeneratorFromDictOptions } from './generator-component.js';
export { textGeneratorSockets } from './text-generation.js';
export type { TextGeneratorInputs, TextGeneratorResult, TextGeneratorRunOptions } from './text-generation.js';
