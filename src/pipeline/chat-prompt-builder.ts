import { ChatMessage, ConfigError, defaultToDict, readComponentDict, type ChatRole, type Component, type ComponentDict, type ComponentSockets } from '../core/index.js';
import { checkRequired, variableSockets } from './prompt-builder.js';
import { renderTemplate, templateContext, templateVariables } from './template-variables.js';

/** A chat template: messages whose text is Jinja, or a Jinja string of `{% message role="..." %}` blocks. */
export type ChatTemplate = readonly ChatMessage[] | string;

/** Options of {@link ChatPromptBuilder}. */
export interface ChatPromptBuilderOptions {
  template?: ChatTemplate;
  /** The variables that become inputs; by default, those the template reads. */
  variables?: readonly string[];
  /** Variables that must be given (`'*'`: all). */
  requiredVariables?: readonly string[] | '*';
}

const messageBlock = /\{%-?\s*message\s+role\s*=\s*["'](\w+)["']\s*-?%\}([\s\S]*?)\{%-?\s*endmessage\s*-?%\}/g;
const roles: readonly ChatRole[] = ['user', 'system', 'assistant'];

// A string template's message blocks; text outside them is ignored, as Haystack ignores it.
const blocksOf = (template: string): Array<{ role: ChatRole; body: string }> => {
  const blocks = [...template.matchAll(messageBlock)].map((match) => ({ role: (match[1] ?? '') as ChatRole, body: match[2] ?? '' }));
  if (blocks.length === 0) throw new ConfigError('A string chat template needs at least one {% message role="user" %}...{% endmessage %} block.');
  for (const { role } of blocks) if (!roles.includes(role)) throw new ConfigError(`Unknown message role '${role}' in the chat template. Use one of: ${roles.join(', ')}.`);
  return blocks;
};

const variablesOf = (template: ChatTemplate): string[] => {
  const sources = typeof template === 'string' ? blocksOf(template).map((block) => block.body) : template.filter((message) => message.role !== 'assistant').flatMap((message) => message.texts);
  return [...new Set(sources.flatMap(templateVariables))];
};

const render = (template: ChatTemplate, variables: Record<string, unknown>): ChatMessage[] => {
  // Prepared once for every message of the template, not once per part.
  const context = templateContext(variables);
  if (typeof template === 'string') {
    return blocksOf(template).map(({ role, body }) => {
      const text = renderTemplate(body, context).trim();
      return role === 'user' ? ChatMessage.fromUser(text) : role === 'system' ? ChatMessage.fromSystem(text) : ChatMessage.fromAssistant(text);
    });
  }
  // As Haystack: user and system texts are templates; assistant messages are kept as they are.
  return template.map((message) => {
    if (message.role !== 'user' && message.role !== 'system') return message;
    const content = message.content.map((part) => (part.type === 'text' ? { ...part, text: renderTemplate(part.text, context) } : part));
    return ChatMessage.create(message.role, content, { meta: { ...message.meta }, ...(message.name === null ? {} : { name: message.name }) });
  });
};

/**
 * Haystack's `ChatPromptBuilder`: renders a chat template (messages, or a Jinja string of message
 * blocks) into `ChatMessage`s for a chat generator. Each variable is an input socket; the template
 * can be given or replaced at run time.
 *
 * @example
 * const builder = new ChatPromptBuilder({ template: [ChatMessage.fromSystem('Answer briefly.'), ChatMessage.fromUser('{{ question }}')] });
 * const { prompt } = await builder.run({ question: 'What is BM25?' });
 */
export class ChatPromptBuilder implements Component {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.builders.chat_prompt_builder.ChatPromptBuilder'] as const;
  readonly template: ChatTemplate | undefined;
  readonly variables: readonly string[];
  readonly requiredVariables: readonly string[] | '*';
  /** One input per variable, plus `template` and `template_variables`; output `prompt`. */
  readonly sockets: ComponentSockets;

  constructor(options: ChatPromptBuilderOptions = {}) {
    this.template = options.template;
    this.variables = options.variables ? [...options.variables] : options.template ? variablesOf(options.template) : [];
    this.requiredVariables = options.requiredVariables ?? [];
    this.sockets = {
      inputs: {
        ...variableSockets(this.variables, this.requiredVariables),
        template: { type: 'ChatTemplate', mandatory: false },
        template_variables: { type: 'object', mandatory: false },
      },
      outputs: { prompt: { type: 'ChatMessage[]' } },
    };
  }

  /** Renders the template (or the one given here) with the variables. */
  run(inputs: Record<string, unknown> = {}): Promise<{ prompt: ChatMessage[] }> {
    // A missing variable or a template error rejects, as every component's run does.
    return new Promise((resolve) => {
      const { template, template_variables: overrides, ...variables } = inputs;
      const chosen = (template as ChatTemplate | undefined) ?? this.template;
      if (chosen === undefined) throw new ConfigError('ChatPromptBuilder has no template: give one to the constructor or to run().');
      const context = { ...variables, ...(overrides as Record<string, unknown> | undefined) };
      checkRequired('ChatPromptBuilder', this.requiredVariables, this.variables, context);
      resolve({ prompt: render(chosen, context) });
    });
  }

  /** Pipeline entry. */
  invoke(inputs: Record<string, unknown>): Promise<{ prompt: ChatMessage[] }> {
    return this.run(inputs);
  }

  /** Haystack's dict: a message template as message dicts, a string template as it is. */
  toDict(): ComponentDict {
    return defaultToDict(ChatPromptBuilder.typeNames[0], {
      template: typeof this.template === 'string' || this.template === undefined ? (this.template ?? null) : this.template.map((message) => message.toDict()),
      variables: [...this.variables],
      required_variables: this.requiredVariables === '*' ? '*' : [...this.requiredVariables],
    });
  }

  /** Reads Haystack's dict. */
  static fromDict(dict: ComponentDict): ChatPromptBuilder {
    const init = readComponentDict(dict, ChatPromptBuilder.typeNames, 'ChatPromptBuilder');
    const template = init.template;
    return new ChatPromptBuilder({
      ...(typeof template === 'string' ? { template } : Array.isArray(template) ? { template: template.map((message) => ChatMessage.fromDict(message)) } : {}),
      ...(Array.isArray(init.variables) ? { variables: init.variables as string[] } : {}),
      ...(init.required_variables !== undefined && init.required_variables !== null ? { requiredVariables: init.required_variables as string[] | '*' } : {}),
    });
  }
}
