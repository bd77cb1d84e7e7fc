import { ConfigError, defaultToDict, readComponentDict, type Component, type ComponentDict, type ComponentSockets, type SocketSpec } from '../core/index.js';
import { renderTemplate, templateContext, templateVariables } from './template-variables.js';

/** Options of {@link PromptBuilder}. */
export interface PromptBuilderOptions {
  /** A Jinja template. */
  template: string;
  /** The variables that become inputs; by default, those the template reads. */
  variables?: readonly string[];
  /** Variables that must be given (`'*'`: all); the others default to empty. */
  requiredVariables?: readonly string[] | '*';
}

/** Builds input sockets for a builder's variables, as Haystack does (optional unless required). */
export const variableSockets = (variables: readonly string[], required: readonly string[] | '*'): Record<string, SocketSpec> =>
  Object.fromEntries(variables.map((name) => [name, { type: 'any', mandatory: required === '*' || required.includes(name) }]));

/** Checks that required variables arrived; the message names the missing ones. */
export const checkRequired = (component: string, required: readonly string[] | '*', variables: readonly string[], given: Record<string, unknown>): void => {
  const needed = required === '*' ? variables : required;
  const missing = needed.filter((name) => given[name] === undefined);
  if (missing.length > 0) throw new ConfigError(`${component} is missing the required variables: ${missing.join(', ')}.`);
};

/**
 * Haystack's `PromptBuilder`: renders a Jinja template into a prompt string. Each variable the
 * template reads is an input socket; `template` can be replaced at run time.
 *
 * @example
 * const builder = new PromptBuilder({ template: 'Answer: {{ question }}' });
 * await builder.run({ question: 'What is BM25?' }); // { prompt: 'Answer: What is BM25?' }
 */
export class PromptBuilder implements Component {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.builders.prompt_builder.PromptBuilder'] as const;
  readonly template: string;
  readonly variables: readonly string[];
  readonly requiredVariables: readonly string[] | '*';
  /** One input per variable, plus `template` and `template_variables`; output `prompt`. */
  readonly sockets: ComponentSockets;

  constructor(options: PromptBuilderOptions) {
    if (typeof options.template !== 'string') throw new ConfigError('PromptBuilder needs a template string.');
    this.template = options.template;
    this.variables = options.variables ? [...options.variables] : templateVariables(options.template);
    this.requiredVariables = options.requiredVariables ?? [];
    this.sockets = {
      inputs: {
        ...variableSockets(this.variables, this.requiredVariables),
        template: { type: 'string', mandatory: false },
        template_variables: { type: 'object', mandatory: false },
      },
      outputs: { prompt: { type: 'string' } },
    };
  }

  /** Renders the template with the variables (and `template_variables`, which win). */
  run(inputs: Record<string, unknown> = {}): Promise<{ prompt: string }> {
    // A missing variable or a template error rejects, as every component's run does.
    return new Promise((resolve) => {
      const { template, template_variables: overrides, ...variables } = inputs;
      const context = { ...variables, ...(overrides as Record<string, unknown> | undefined) };
      checkRequired('PromptBuilder', this.requiredVariables, this.variables, context);
      resolve({ prompt: renderTemplate(typeof template === 'string' ? template : this.template, templateContext(context)) });
    });
  }

  /** Pipeline entry. */
  invoke(inputs: Record<string, unknown>): Promise<{ prompt: string }> {
    return this.run(inputs);
  }

  /** Haystack's dict. */
  toDict(): ComponentDict {
    return defaultToDict(PromptBuilder.typeNames[0], {
      template: this.template,
      variables: [...this.variables],
      required_variables: this.requiredVariables === '*' ? '*' : [...this.requiredVariables],
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict): PromptBuilder {
    const init = readComponentDict(dict, PromptBuilder.typeNames, 'PromptBuilder');
    return new PromptBuilder({
      template: init.template as string,
      ...(Array.isArray(init.variables) ? { variables: init.variables as string[] } : {}),
      ...(init.required_variables !== undefined && init.required_variables !== null ? { requiredVariables: init.required_variables as string[] | '*' } : {}),
    });
  }
}
