import { AbortError, ConfigError, HayloftError, type Component, type ComponentDict, type SocketSpec, type StreamingCallback } from '../core/index.js';

/** One edge of the graph: `sender.output` → `receiver.input`. */
export interface PipelineConnection {
  readonly sender: string;
  readonly senderSocket: string;
  readonly receiver: string;
  readonly receiverSocket: string;
}

/** Options of {@link Pipeline}. */
export interface PipelineOptions {
  /** How often one component may run in a single `run` (loops); default 100, as Haystack. */
  maxRunsPerComponent?: number;
  /** Free-form metadata, kept in the dict and YAML. */
  metadata?: Record<string, unknown>;
}

/** Options of {@link Pipeline.run}. */
export interface PipelineRunOptions {
  /** Outputs to return from these components too, even when other components consumed them. */
  includeOutputsFrom?: Iterable<string>;
  /** Aborts the run: the component running gets the signal, no further component starts. */
  signal?: AbortSignal;
  /** Given to every component with a `streaming_callback` input that received none. */
  streamingCallback?: StreamingCallback;
}

/** Any component, whatever its input and output types: what a pipeline holds. */
export type PipelineComponent = Component<never, object>;

/** A component class a pipeline can load from a dict: Haystack type names and `fromDict`. */
export interface PipelineComponentClass {
  readonly typeNames: readonly string[];
  fromDict(dict: ComponentDict): PipelineComponent;
}

/** Outputs by component name, then socket name. */
export type PipelineOutputs = Record<string, Record<string, unknown>>;

/** A failure inside a pipeline: names the component, and keeps the outputs produced before it. */
export class PipelineRunError extends HayloftError {
  /** The component that failed. */
  readonly componentName: string;
  /** What the components that ran before produced. */
  readonly outputs: PipelineOutputs;

  constructor(componentName: string, cause: unknown, outputs: PipelineOutputs) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Component '${componentName}' failed: ${reason}`, { cause });
    this.name = 'PipelineRunError';
    this.componentName = componentName;
    this.outputs = outputs;
  }
}

const isMandatory = (spec: SocketSpec): boolean => spec.mandatory ?? true;

// Types that accept anything, and the one-way compatibilities Haystack allows at connect time.
const compatible = (sent: string, received: string): boolean =>
  sent === received || sent === 'any' || received === 'any' || sent === 'Any' || received === 'Any';

/**
 * A directed graph of components, as Haystack 2's `Pipeline`: components run when their inputs are
 * ready, outputs flow along connections, variadic inputs gather several senders (joiners), and loops
 * run until they stop or reach `maxRunsPerComponent`.
 *
 * @example
 * const pipeline = new Pipeline();
 * pipeline.addComponent('prompt', new ChatPromptBuilder({ template: [ChatMessage.fromUser('{{ question }}')] }));
 * pipeline.addComponent('llm', new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1' }));
 * pipeline.connect('prompt.prompt', 'llm.messages');
 * const { llm } = await pipeline.run({ prompt: { question: 'What is BM25?' } });
 */
export class Pipeline {
  /** Free-form metadata. */
  readonly metadata: Record<string, unknown>;
  /** The loop bound. */
  readonly maxRunsPerComponent: number;
  readonly #components = new Map<string, PipelineComponent>();
  readonly #connections: PipelineConnection[] = [];

  constructor(options: PipelineOptions = {}) {
    this.metadata = { ...options.metadata };
    this.maxRunsPerComponent = options.maxRunsPerComponent ?? 100;
  }

  /** The components, by name, in the order they were added. */
  get components(): ReadonlyMap<string, PipelineComponent> {
    return this.#components;
  }

  /** The connections, in the order they were made. */
  get connections(): readonly PipelineConnection[] {
    return this.#connections;
  }

  /** Adds a component under a unique name. */
  addComponent(name: string, component: PipelineComponent): this {
    if (name === '_debug' || name.includes('.')) throw new ConfigError(`'${name}' cannot be a component name: it is reserved or contains a dot.`);
    if (this.#components.has(name)) throw new ConfigError(`A component named '${name}' already exists in this pipeline; choose another name.`);
    if (typeof component.invoke !== 'function' || typeof component.sockets !== 'object') {
      throw new ConfigError(`'${name}' is not a component: it needs \`sockets\` and \`invoke(inputs)\` (see src/core/component.ts).`);
    }
    for (const existing of this.#components.values()) {
      if (existing === component) throw new ConfigError(`This component instance is already in the pipeline; add a new instance for '${name}'.`);
    }
    this.#components.set(name, component);
    return this;
  }

  /** The component named `name`; throws when there is none. */
  getComponent(name: string): PipelineComponent {
    const component = this.#components.get(name);
    if (!component) throw new ConfigError(`There is no component named '${name}'. Components: ${[...this.#components.keys()].join(', ') || 'none'}.`);
    return component;
  }

  #resolve(address: string, side: 'outputs' | 'inputs'): { name: string; socket: string; spec: SocketSpec } {
    const [name = '', socket] = address.split('.', 2);
    const sockets = this.getComponent(name).sockets[side];
    const names = Object.keys(sockets);
    let chosen = socket;
    if (chosen === undefined) {
      if (names.length !== 1) {
        throw new ConfigError(`'${name}' has ${names.length} ${side}; name one: ${names.map((candidate) => `${name}.${candidate}`).join(', ')}.`);
      }
      chosen = names[0] ?? '';
    }
    const spec = sockets[chosen];
    if (!spec) throw new ConfigError(`'${name}' has no ${side === 'inputs' ? 'input' : 'output'} '${chosen}'. It has: ${names.join(', ')}.`);
    return { name, socket: chosen, spec };
  }

  /** Connects an output to an input: `'sender.socket'`, or a bare name when the component has one such socket. */
  connect(sender: string, receiver: string): this {
    const from = this.#resolve(sender, 'outputs');
    const to = this.#resolve(receiver, 'inputs');
    if (from.name === to.name) throw new ConfigError(`Cannot connect '${from.name}' to itself.`);
    if (!compatible(from.spec.type, to.spec.type)) {
      throw new ConfigError(`Cannot connect '${from.name}.${from.socket}' (${from.spec.type}) to '${to.name}.${to.socket}' (${to.spec.type}): the types do not match.`);
    }
    const taken = this.#connections.find((connection) => connection.receiver === to.name && connection.receiverSocket === to.socket);
    if (taken && !to.spec.variadic) {
      throw new ConfigError(`'${to.name}.${to.socket}' already receives from '${taken.sender}.${taken.senderSocket}' and is not variadic.`);
    }
    this.#connections.push({ sender: from.name, senderSocket: from.socket, receiver: to.name, receiverSocket: to.socket });
    return this;
  }

  /** Warms up every component that has a `warmUp`. */
  async warmUp(): Promise<void> {
    for (const component of this.#components.values()) await component.warmUp?.();
  }

  /** The graph as Mermaid text (`graph TD; a -- "out → in" --> b`). */
  draw(): string {
    const lines = ['graph TD;'];
    for (const name of this.#components.keys()) lines.push(`  ${name}["${name}"]`);
    for (const edge of this.#connections) lines.push(`  ${edge.sender} -- "${edge.senderSocket} → ${edge.receiverSocket}" --> ${edge.receiver}`);
    return lines.join('\n');
  }

  // Inputs given as { socket: value } (not by component) go to every component with that socket
  // that nothing connects to, as Haystack does; an input nobody has is an error.
  #distributeInputs(data: Record<string, unknown>): Map<string, Map<string, unknown[]>> {
    const byComponent = Object.keys(data).every((key) => this.#components.has(key));
    const received = new Map<string, Map<string, unknown[]>>();
    for (const name of this.#components.keys()) received.set(name, new Map());
    const give = (name: string, socket: string, value: unknown) => {
      const spec = this.getComponent(name).sockets.inputs[socket];
      if (!spec) throw new ConfigError(`'${name}' has no input '${socket}'. It has: ${Object.keys(this.getComponent(name).sockets.inputs).join(', ')}.`);
      received.get(name)?.set(socket, [value]);
    };
    if (byComponent) {
      for (const [name, inputs] of Object.entries(data)) {
        for (const [socket, value] of Object.entries((inputs ?? {}) as Record<string, unknown>)) give(name, socket, value);
      }
      return received;
    }
    for (const [socket, value] of Object.entries(data)) {
      const targets = [...this.#components.entries()].filter(
        ([name, component]) => socket in component.sockets.inputs && !this.#connections.some((edge) => edge.receiver === name && edge.receiverSocket === socket),
      );
      if (targets.length === 0) throw new ConfigError(`No component takes the input '${socket}' (or every one that does is connected).`);
      for (const [name] of targets) give(name, socket, value);
    }
    return received;
  }

  #connectedSockets(name: string): Set<string> {
    return new Set(this.#connections.filter((edge) => edge.receiver === name).map((edge) => edge.receiverSocket));
  }

  // Mandatory inputs all there; a connected socket counts once a value arrived on it.
  #canRun(name: string, inputs: Map<string, unknown[]>): boolean {
    const { sockets } = this.getComponent(name);
    return Object.entries(sockets.inputs).every(([socket, spec]) => !isMandatory(spec) || (inputs.get(socket)?.length ?? 0) > 0);
  }

  // Components that may still produce: runnable now, or downstream of one that is.
  #live(runnable: readonly string[]): Set<string> {
    const live = new Set(runnable);
    for (let grew = true; grew; ) {
      grew = false;
      for (const edge of this.#connections) {
        if (live.has(edge.sender) && !live.has(edge.receiver)) {
          live.add(edge.receiver);
          grew = true;
        }
      }
    }
    return live;
  }

  /**
   * Runs the graph. `data` addresses inputs by component (`{ prompt: { question } }`) or, when
   * unambiguous, by socket name (`{ question }`). Returns the outputs nothing consumed, by component,
   * plus every output of the components in `includeOutputsFrom`.
   */
  async run(data: Record<string, unknown> = {}, options: PipelineRunOptions = {}): Promise<PipelineOutputs> {
    if (this.#components.size === 0) throw new ConfigError('The pipeline has no components: add some with addComponent().');
    const received = this.#distributeInputs(data);
    // A mandatory input nothing connects to must come from the caller, or the component could never run.
    for (const [name, component] of this.#components) {
      const connected = this.#connectedSockets(name);
      for (const [socket, spec] of Object.entries(component.sockets.inputs)) {
        if (isMandatory(spec) && !connected.has(socket) && !received.get(name)?.has(socket)) {
          throw new ConfigError(`Missing mandatory input '${socket}' for component '${name}': pass it in run(), as { ${name}: { ${socket}: ... } }.`);
        }
      }
    }
    const include = new Set(options.includeOutputsFrom ?? []);
    const runs = new Map<string, number>();
    const outputs: PipelineOutputs = {};
    for (;;) {
      if (options.signal?.aborted) throw new AbortError('The pipeline run was stopped.', { cause: options.signal.reason });
      // A component runs on new inputs; one that nothing feeds runs once, at the start.
      const runnable = [...this.#components.keys()].filter((name) => {
        const inputs = received.get(name) ?? new Map<string, unknown[]>();
        const fresh = inputs.size > 0 || (!runs.has(name) && this.#connectedSockets(name).size === 0);
        return fresh && this.#canRun(name, inputs);
      });
      if (runnable.length === 0) break;
      // Prefer a component whose optional and variadic inputs can get nothing more: every sender of
      // them is done. Otherwise (a loop waiting on itself) take the first one, in the order added.
      const next =
        runnable.find((name) => {
          const others = this.#live(runnable.filter((candidate) => candidate !== name));
          return !this.#connections.some((edge) => edge.receiver === name && others.has(edge.sender));
        }) ?? runnable[0];
      if (next === undefined) break;
      const count = (runs.get(next) ?? 0) + 1;
      if (count > this.maxRunsPerComponent) {
        throw new PipelineRunError(next, new ConfigError(`it ran more than ${this.maxRunsPerComponent} times (maxRunsPerComponent); the loop does not end.`), outputs);
      }
      runs.set(next, count);
      const inputs = received.get(next) ?? new Map<string, unknown[]>();
      received.set(next, new Map());
      const component = this.getComponent(next);
      const args: Record<string, unknown> = {};
      for (const [socket, values] of inputs) args[socket] = component.sockets.inputs[socket]?.variadic ? values : values.at(-1);
      if (options.streamingCallback && 'streaming_callback' in component.sockets.inputs && args.streaming_callback === undefined) {
        args.streaming_callback = options.streamingCallback;
      }
      let produced: Record<string, unknown>;
      try {
        // Inputs were checked against the sockets the component declares.
        const invoke = component.invoke.bind(component) as (inputs: Record<string, unknown>, opts: { signal?: AbortSignal | undefined }) => Promise<object>;
        produced = { ...(await invoke(args, { signal: options.signal })) };
      } catch (error) {
        if (AbortError.isInstance(error)) throw error;
        throw new PipelineRunError(next, error, outputs);
      }
      const consumed = new Set<string>();
      for (const edge of this.#connections) {
        if (edge.sender !== next || !(edge.senderSocket in produced)) continue;
        const value = produced[edge.senderSocket];
        if (value === undefined) continue;
        consumed.add(edge.senderSocket);
        const target = received.get(edge.receiver);
        target?.set(edge.receiverSocket, [...(target.get(edge.receiverSocket) ?? []), value]);
      }
      const kept = Object.fromEntries(Object.entries(produced).filter(([socket]) => include.has(next) || !consumed.has(socket)));
      if (Object.keys(kept).length > 0) outputs[next] = { ...outputs[next], ...kept };
    }
    return outputs;
  }
}
