import { ConfigError } from '../core/index.js';
import { AnswerBuilder } from './answer-builder.js';
import { ChatPromptBuilder } from './chat-prompt-builder.js';
import { DocumentJoiner } from './document-joiner.js';
import { DocumentSplitter } from './document-splitter.js';
import { DocumentWriter } from './document-writer.js';
import { InMemoryBM25Retriever } from './in-memory-bm25-retriever.js';
import { OutputAdapter } from './output-adapter.js';
import type { PipelineComponentClass } from './pipeline.js';
import { PromptBuilder } from './prompt-builder.js';

const registry = new Map<string, PipelineComponentClass>();

/**
 * Makes component classes loadable from dicts and YAML under their Haystack type names. The
 * pipeline's own components are registered already; register generators (and your own components)
 * before loading a pipeline that uses them. Explicit, so a bundler keeps exactly the classes an app
 * registers and no others.
 *
 * @example
 * registerComponentClasses(OpenAIChatGenerator, STACKITChatGenerator);
 * const pipeline = Pipeline.loads(yaml);
 */
export const registerComponentClasses = (...classes: PipelineComponentClass[]): void => {
  for (const componentClass of classes) {
    if (!Array.isArray(componentClass.typeNames) || typeof componentClass.fromDict !== 'function') {
      throw new ConfigError('registerComponentClasses takes component classes with static `typeNames` and `fromDict`.');
    }
    for (const name of componentClass.typeNames as readonly string[]) registry.set(name, componentClass);
  }
};

/** The class registered for a Haystack type name; the error lists the known ones and how to add one. */
export const componentClassFor = (type: string, extra: readonly PipelineComponentClass[] = []): PipelineComponentClass => {
  const local = extra.find((candidate) => candidate.typeNames.includes(type));
  const found = local ?? registry.get(type);
  if (found) return found;
  const known = [...new Set([...registry.keys(), ...extra.flatMap((candidate) => candidate.typeNames)])].sort();
  throw new ConfigError(
    `Unknown component type '${type}'. Known types: ${known.join(', ')}. Register its class with registerComponentClasses(...) or pass it in { components }.`,
  );
};

registerComponentClasses(PromptBuilder, ChatPromptBuilder, AnswerBuilder, OutputAdapter, InMemoryBM25Retriever, DocumentSplitter, DocumentWriter, DocumentJoiner);
