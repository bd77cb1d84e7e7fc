import { parse, stringify } from 'yaml';
import { ConfigError, type ComponentDict } from '../core/index.js';
import { componentClassFor } from './component-registry.js';
import { Pipeline, type PipelineComponentClass } from './pipeline.js';

/** Haystack's serialised pipeline. */
export interface PipelineDict {
  metadata: Record<string, unknown>;
  max_runs_per_component: number;
  components: Record<string, ComponentDict>;
  connections: Array<{ sender: string; receiver: string }>;
  connection_type_validation?: boolean;
}

/** Options for loading a pipeline. */
export interface PipelineLoadOptions {
  /** Component classes to use besides the registered ones. */
  components?: readonly PipelineComponentClass[];
}

/** Haystack's `Pipeline.to_dict()` shape. */
export const pipelineToDict = (pipeline: Pipeline): PipelineDict => ({
  metadata: { ...pipeline.metadata },
  max_runs_per_component: pipeline.maxRunsPerComponent,
  components: Object.fromEntries([...pipeline.components].map(([name, component]) => [name, component.toDict()])),
  connections: pipeline.connections.map((edge) => ({ sender: `${edge.sender}.${edge.senderSocket}`, receiver: `${edge.receiver}.${edge.receiverSocket}` })),
  connection_type_validation: true,
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds a pipeline from Haystack's dict; unknown types fail with the known ones listed. */
export const pipelineFromDict = (data: unknown, options: PipelineLoadOptions = {}): Pipeline => {
  if (!isRecord(data)) throw new ConfigError('A pipeline dict must be an object with components and connections.');
  const pipeline = new Pipeline({
    ...(typeof data.max_runs_per_component === 'number' ? { maxRunsPerComponent: data.max_runs_per_component } : {}),
    ...(isRecord(data.metadata) ? { metadata: data.metadata } : {}),
  });
  const components = isRecord(data.components) ? data.components : {};
  for (const [name, dict] of Object.entries(components)) {
    if (!isRecord(dict) || typeof dict.type !== 'string') throw new ConfigError(`Component '${name}' needs a 'type' and 'init_parameters'.`);
    const componentClass = componentClassFor(dict.type, options.components);
    try {
      pipeline.addComponent(name, componentClass.fromDict(dict as unknown as ComponentDict));
    } catch (error) {
      throw new ConfigError(`Component '${name}' (${dict.type}) could not be created: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  for (const connection of Array.isArray(data.connections) ? data.connections : []) {
    if (!isRecord(connection) || typeof connection.sender !== 'string' || typeof connection.receiver !== 'string') {
      throw new ConfigError('Every connection needs a sender and a receiver, as "component.socket".');
    }
    pipeline.connect(connection.sender, connection.receiver);
  }
  return pipeline;
};

/** The pipeline as Haystack's YAML. */
export const dumpsPipeline = (pipeline: Pipeline): string => stringify(pipelineToDict(pipeline), { sortMapEntries: true });

/** A pipeline from Haystack's YAML. */
export const loadsPipeline = (yaml: string, options: PipelineLoadOptions = {}): Pipeline => {
  let data: unknown;
  try {
    data = parse(yaml);
  } catch (error) {
    throw new ConfigError(`The pipeline YAML does not parse: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return pipelineFromDict(data, options);
};
