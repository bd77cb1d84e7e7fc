/**
 * `hayloft/pipeline`: Haystack-shaped pipelines that run in the browser and in Node: the graph,
 * prompt builders on Jinja, and Haystack's dict and YAML. Retrievers and document stores are not
 * built yet (issue #7).
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
