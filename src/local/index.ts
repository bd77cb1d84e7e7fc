/**
 * `hayloft/local`: chat with Hugging Face models that run on the user's device through
 * transformers.js: WebGPU when the browser has an adapter, WASM otherwise, in a module Worker.
 * `@huggingface/transformers` is an optional peer dependency, imported only when a model loads.
 * @packageDocumentation
 */
export { HuggingFaceLocalChatGenerator, TransformersChatGenerator } from './hugging-face-local-chat-generator.js';
export type { HuggingFaceLocalChatGeneratorOptions } from './hugging-face-local-chat-generator.js';
export { HuggingFaceLocalGenerator } from './hugging-face-local-generator.js';
export type { LocalModel, LocalModelOptions } from './local-model.js';
export type { HuggingFaceLocalGeneratorOptions } from './hugging-face-local-generator.js';
export { defaultToolParser } from './tool-parser.js';
export type { ToolParsingFunction } from './tool-parser.js';
export { chooseDevice } from './device.js';
export type { GpuLike } from './device.js';
export type { DeviceChoice, DevicePreference, LocalDevice, LocalModelEnv, LocalTask } from './protocol.js';
export type { WorkerOption } from './local-runner.js';
export type { WorkerLike } from './worker-engine.js';
