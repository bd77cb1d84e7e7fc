/**
 * `hayloft/react`: the chat controller and store (framework-free, usable in Node), with the React
 * hooks to come (issue #5).
 * @packageDocumentation
 */
export { ChatController } from './chat-controller.js';
export type { ChatControllerOptions, FrameScheduler } from './chat-controller.js';
export { activePath, createChatStore, siblingsOf } from './chat-store.js';
export type { ChatState, ChatStatus, ChatStore, ChatThread, MessageNode } from './chat-store.js';
