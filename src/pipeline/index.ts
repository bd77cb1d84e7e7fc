/**
 * `hayloft/pipeline`: Haystack-shaped pipelines that run in the browser and in Node: the graph,
 * prompt builders on Jinja, documents, an in-memory store with BM25, the splitter, writer and
 * joiner, and Haystack's dict and YAML.
 * @packageDocumentation
 */
export { Pipeline, PipelineRunError } from './pipeline.js';
export type { PipelineComponent, PipelineComponentClass, PipelineConnection, PipelineOptions, PipelineOutputs, PipelineRunOptions } from './pipeline.js';
export { dumpsPipeline, loadsPipeline, pipelineFromDict, pipelineToDict } from './pipeline-dict.js';
export type { PipelineDict, PipelineLoadOptions } from './pipeline-dict.js';
export { componentClassFor, registerComponentClasses } from './component-registry.js';
export { PromptBuilder } from './prompt-builder.js';
export type { PromptBuilderOptions } from './prompt-builder.js';
export { ChatPromptBuilder } from './chat-prompt-builder.js';
export type { ChatPromptBuilderOptions, ChatTemplate } from './chat-prompt-builder.js';
export { templateVariables } from './template-variables.js';
export { Document } from './document.js';
export type { DocumentDict, DocumentInit, SparseEmbedding } from './document.js';
export { ExtractedAnswer, GeneratedAnswer } from './answer.js';
export type { AnswerDict, ExtractedAnswerInit, Span } from './answer.js';
export { FilterError, documentMatchesFilter, pythonEquals, validateFilters } from './filters.js';
export type { ComparisonFilter, ComparisonOperator, Filter, LogicalFilter, LogicalOperator } from './filters.js';
export { applyFilterPolicy, parseFilterPolicy } from './apply-filter-policy.js';
export type { FilterPolicy } from './apply-filter-policy.js';
export { DuplicateDocumentError, parseDuplicatePolicy } from './document-store.js';
export type { DocumentStore, DuplicatePolicy, MaybePromise } from './document-store.js';
export { InMemoryDocumentStore } from './in-memory-document-store.js';
export type { BM25RetrievalOptions, EmbeddingSimilarityFunction, InMemoryDocumentStoreOptions } from './in-memory-document-store.js';
export { expit, scaleBM25Score } from './bm25.js';
export type { BM25Algorithm, BM25Parameters } from './bm25.js';
export { createBM25Tokenizer, defaultBM25TokenizationRegex } from './bm25-tokenizer.js';
export { InMemoryBM25Retriever } from './in-memory-bm25-retriever.js';
export type { InMemoryBM25RetrieverInputs, InMemoryBM25RetrieverOptions } from './in-memory-bm25-retriever.js';
export { DocumentSplitter } from './document-splitter.js';
export type { DocumentSplitterOptions, SplitBy } from './document-splitter.js';
export { DocumentWriter } from './document-writer.js';
export type { DocumentWriterInputs } from './document-writer.js';
export { DocumentJoiner } from './document-joiner.js';
export type { DocumentJoinerInputs, DocumentJoinerOptions, JoinMode } from './document-joiner.js';
export { AnswerBuilder } from './answer-builder.js';
export type { AnswerBuilderInputs, AnswerBuilderOptions } from './answer-builder.js';
export { OutputAdapter } from './output-adapter.js';
export type { JinjaFilter, OutputAdapterOptions } from './output-adapter.js';
