import { StreamAssembler, type StreamEnd, type StreamingChunk, type ChatGenerator, type ChatGeneratorResult, type ChatGeneratorRunOptions, type ChatMessage, type ComponentDict, type ComponentSockets, type LoadableModel, type WarmUpOptions } from 'hayloft';

/**
 * Stands in for a `hayloft/local` generator in stories: a download reported the way transformers.js
 * reports it (two files, bytes growing) and a short streamed answer. `stepMs` paces the download;
 * `Infinity` keeps it loading forever, for a still picture of the loading state.
 */
export class ScriptedLocalModel implements ChatGenerator, LoadableModel {
  readonly loadsModel = true;
  readonly model = 'onnx-community/Qwen2.5-0.5B-Instruct';
  readonly device = { device: 'wasm', reason: 'no WebGPU adapter: running on WASM.' };
  readonly sockets: ComponentSockets = { inputs: { messages: { type: 'ChatMessage[]' } }, outputs: { replies: { type: 'ChatMessage[]' } } };
  readonly #stepMs: number;
  readonly #stopAt: number;

  constructor({ stepMs = 120, stopAtPercent = 100 }: { stepMs?: number; stopAtPercent?: number } = {}) {
    this.#stepMs = stepMs;
    this.#stopAt = stopAtPercent;
  }

  async warmUp(options: WarmUpOptions = {}): Promise<void> {
    const files = { 'onnx/model_q4f16.onnx': 480_000_000, 'tokenizer.json': 7_000_000 };
    const loaded: Record<string, number> = { 'onnx/model_q4f16.onnx': 0, 'tokenizer.json': 0 };
    const total = Object.values(files).reduce((a, b) => a + b, 0);
    for (let percent = 0; percent <= this.#stopAt; percent += 5) {
      for (const [file, size] of Object.entries(files)) loaded[file] = Math.round((size * percent) / 100);
      const sum = Object.values(loaded).reduce((a, b) => a + b, 0);
      options.onProgress?.(
        { status: 'progress', name: this.model, file: 'onnx/model_q4f16.onnx', progress: percent, loaded: loaded['onnx/model_q4f16.onnx'] ?? 0, total: files['onnx/model_q4f16.onnx'] },
        { loaded: sum, total, percent, files: Object.fromEntries(Object.entries(files).map(([file, size]) => [file, { loaded: loaded[file] ?? 0, total: size }])), cached: false },
      );
      await new Promise((resolve) => setTimeout(resolve, this.#stepMs));
    }
    if (this.#stopAt < 100) await new Promise(() => undefined);
  }

  async *stream(_messages: readonly ChatMessage[], options: ChatGeneratorRunOptions = {}): AsyncGenerator<StreamingChunk, StreamEnd, undefined> {
    for (const word of 'Running in your browser: no server, no key.'.split(/(?= )/)) {
      if (options.signal?.aborted) return { completed: false };
      yield { content: word, meta: { model: this.model } };
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    return { completed: true };
  }

  async run(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions = {}): Promise<ChatGeneratorResult> {
    const assembler = new StreamAssembler();
    const stream = this.stream(messages, options);
    for (let next = await stream.next(); ; next = await stream.next()) {
      if (next.done) return { replies: assembler.finish(next.value) };
      assembler.push(next.value);
      void options.streamingCallback?.(next.value);
    }
  }

  invoke(inputs: { messages: ChatMessage[] }): Promise<ChatGeneratorResult> {
    return this.run(inputs.messages);
  }

  toDict(): ComponentDict {
    return { type: 'haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator', init_parameters: { model: this.model } };
  }
}
