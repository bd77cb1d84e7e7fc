import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChatMessage, ConfigError, OpenAIChatGenerator, Secret, type Component, type ComponentDict, type ComponentSockets } from '../../src/index.js';
import { ChatPromptBuilder, Pipeline, PipelineRunError, PromptBuilder, dumpsPipeline, loadsPipeline, pipelineToDict, registerComponentClasses } from '../../src/pipeline/index.js';
import { expectedText, rejectionOf } from '../support/fixtures.js';
import { loadChunks } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();

/** A small real component: adds `add` to `value`, counting its runs. */
class AddValue implements Component {
  static readonly typeNames = ['test.AddValue'] as const;
  readonly sockets: ComponentSockets = { inputs: { value: { type: 'number' }, add: { type: 'number', mandatory: false } }, outputs: { result: { type: 'number' } } };
  runs = 0;
  constructor(readonly amount = 1) {}
  invoke(inputs: Record<string, unknown>): Promise<{ result: number }> {
    this.runs += 1;
    return Promise.resolve({ result: (inputs.value as number) + ((inputs.add as number | undefined) ?? this.amount) });
  }
  toDict(): ComponentDict {
    return { type: AddValue.typeNames[0], init_parameters: { amount: this.amount } };
  }
  static fromDict(dict: ComponentDict): AddValue {
    return new AddValue(dict.init_parameters.amount as number);
  }
}

/** Sends a value below the threshold back into the loop, and one at or above it out. */
class Threshold implements Component {
  readonly sockets: ComponentSockets = { inputs: { value: { type: 'number' } }, outputs: { below: { type: 'number' }, above: { type: 'number' } } };
  constructor(readonly limit: number) {}
  invoke(inputs: Record<string, unknown>): Promise<Record<string, number>> {
    const value = inputs.value as number;
    const out: Record<string, number> = value < this.limit ? { below: value } : { above: value };
    return Promise.resolve(out);
  }
  toDict(): ComponentDict {
    return { type: 'test.Threshold', init_parameters: { limit: this.limit } };
  }
}

/** A joiner: sums every value its variadic input received. */
class Sum implements Component {
  readonly sockets: ComponentSockets = { inputs: { values: { type: 'number', variadic: true } }, outputs: { total: { type: 'number' } } };
  invoke(inputs: Record<string, unknown>): Promise<{ total: number }> {
    return Promise.resolve({ total: (inputs.values as number[]).reduce((a, b) => a + b, 0) });
  }
  toDict(): ComponentDict {
    return { type: 'test.Sum', init_parameters: {} };
  }
}

class Fails implements Component {
  readonly sockets: ComponentSockets = { inputs: { value: { type: 'number' } }, outputs: { result: { type: 'number' } } };
  invoke(): Promise<never> {
    return Promise.reject(new Error('the service is down'));
  }
  toDict(): ComponentDict {
    return { type: 'test.Fails', init_parameters: {} };
  }
}

describe('Pipeline', () => {
  it('should run components in graph order and return the outputs nothing consumed', async () => {
    const pipeline = new Pipeline().addComponent('first', new AddValue(1)).addComponent('second', new AddValue(10));
    pipeline.connect('first.result', 'second.value');
    expect(await pipeline.run({ first: { value: 1 } })).toEqual({ second: { result: 12 } });
    expect(await pipeline.run({ first: { value: 1 } }, { includeOutputsFrom: ['first'] })).toEqual({ first: { result: 2 }, second: { result: 12 } });
  });

  it('should give an input named only by socket to every component that takes it unconnected', async () => {
    const pipeline = new Pipeline().addComponent('a', new AddValue(1)).addComponent('b', new AddValue(2));
    expect(await pipeline.run({ value: 5 })).toEqual({ a: { result: 6 }, b: { result: 7 } });
    await expect(pipeline.run({ nope: 1 })).rejects.toThrow(/No component takes the input 'nope'/);
  });

  it('should gather variadic inputs from several senders before running a joiner', async () => {
    const pipeline = new Pipeline().addComponent('a', new AddValue(1)).addComponent('b', new AddValue(2)).addComponent('sum', new Sum());
    pipeline.connect('a.result', 'sum.values').connect('b.result', 'sum.values');
    expect(await pipeline.run({ a: { value: 0 }, b: { value: 0 } })).toEqual({ sum: { total: 3 } });
  });

  it('should run a loop until it exits, and stop a loop that does not at maxRunsPerComponent', async () => {
    const add = new AddValue(3);
    const loop = new Pipeline().addComponent('add', add).addComponent('check', new Threshold(10));
    loop.connect('add.result', 'check.value').connect('check.below', 'add.value');
    expect(await loop.run({ add: { value: 1 } })).toEqual({ check: { above: 10 } });
    expect(add.runs).toBe(3);

    const endless = new Pipeline({ maxRunsPerComponent: 5 }).addComponent('add', new AddValue(0)).addComponent('check', new Threshold(10));
    endless.connect('add.result', 'check.value').connect('check.below', 'add.value');
    const error = await rejectionOf<PipelineRunError>(endless.run({ add: { value: 1 } }));
    expect(error).toBeInstanceOf(PipelineRunError);
    expect(error.message).toMatch(/Component 'add' failed: it ran more than 5 times/);
  });

  it('should name the failing component and keep what ran before it', async () => {
    const pipeline = new Pipeline().addComponent('other', new AddValue(5)).addComponent('add', new AddValue(1)).addComponent('broken', new Fails());
    pipeline.connect('add.result', 'broken.value');
    const error = await rejectionOf<PipelineRunError>(pipeline.run({ add: { value: 1 }, other: { value: 1 } }));
    expect(error.message).toBe("Component 'broken' failed: the service is down");
    expect(error.componentName).toBe('broken');
    expect(error.outputs).toEqual({ other: { result: 6 } });
  });

  it('should refuse a run that leaves a mandatory input unset, naming it and where to put it', async () => {
    const pipeline = new Pipeline().addComponent('first', new AddValue(1)).addComponent('second', new AddValue(10));
    pipeline.connect('first.result', 'second.value');
    await expect(pipeline.run({})).rejects.toThrow("Missing mandatory input 'value' for component 'first': pass it in run(), as { first: { value: ... } }.");
  });

  it('should refuse bad connections with messages that say what exists', () => {
    const pipeline = new Pipeline().addComponent('add', new AddValue()).addComponent('prompt', new PromptBuilder({ template: '{{ x }}' }));
    expect(() => pipeline.connect('add.nope', 'prompt.x')).toThrow("'add' has no output 'nope'. It has: result.");
    expect(() => pipeline.connect('add.result', 'prompt.template')).toThrow(/\(number\) to 'prompt.template' \(string\): the types do not match/);
    expect(() => pipeline.connect('add', 'prompt')).toThrow(/'prompt' has 3 inputs; name one: prompt.x, prompt.template, prompt.template_variables/);
    expect(() => pipeline.addComponent('add', new AddValue())).toThrow(/already exists/);
    expect(() => pipeline.connect('missing.x', 'prompt.x')).toThrow("There is no component named 'missing'. Components: add, prompt.");
  });

  it('should draw the graph as Mermaid', () => {
    const pipeline = new Pipeline().addComponent('a', new AddValue()).addComponent('b', new AddValue());
    pipeline.connect('a.result', 'b.value');
    expect(pipeline.draw()).toBe('graph TD;\n  a["a"]\n  b["b"]\n  a -- "result → value" --> b');
  });

  it('should stream a generator inside the pipeline and stop when aborted', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const pipeline = new Pipeline()
      .addComponent('prompt', new ChatPromptBuilder({ template: [ChatMessage.fromUser('Tell me about {{ topic }}')] }))
      .addComponent('llm', new OpenAIChatGenerator({ apiKey: Secret.fromToken('sk-pipeline'), apiBaseUrl: `${server.url}/v1`, maxRetries: 0 }));
    pipeline.connect('prompt.prompt', 'llm.messages');
    const pieces: string[] = [];
    const result = await pipeline.run({ topic: 'BM25' }, { streamingCallback: (chunk) => void pieces.push(chunk.content) });
    const replies = result.llm!.replies as ChatMessage[];
    expect(replies[0]!.text).toBe(expectedText(loadChunks('openai/text')));
    expect(pieces.join('')).toBe(replies[0]!.text);
    expect((server.requests[0]!.json as { messages: unknown[] }).messages).toEqual([{ role: 'user', content: 'Tell me about BM25' }]);

    const aborted = new AbortController();
    aborted.abort();
    await expect(pipeline.run({ topic: 'x' }, { signal: aborted.signal })).rejects.toThrow(/stopped/);
  });
});

describe('Pipeline serialisation', () => {
  it('should load YAML written by Haystack, run it, and write the same YAML back', async () => {
    registerComponentClasses(OpenAIChatGenerator);
    const yaml = readFileSync(new URL('../fixtures/pipeline/haystack-chat.yaml', import.meta.url), 'utf8');
    const pipeline = loadsPipeline(yaml);
    expect([...pipeline.components.keys()]).toEqual(['llm', 'prompt_builder']);
    const builder = pipeline.getComponent('prompt_builder');
    if (!(builder instanceof ChatPromptBuilder)) throw new Error('prompt_builder is not a ChatPromptBuilder');
    const { prompt } = await builder.run({ question: 'What is BM25?' });
    expect(prompt.map((message) => [message.role, message.text])).toEqual([
      ['system', 'You answer in one sentence.'],
      ['user', 'Question: What is BM25?'],
    ]);
    const again = loadsPipeline(dumpsPipeline(pipeline));
    expect(pipelineToDict(again)).toEqual(pipelineToDict(pipeline));
    expect(pipelineToDict(pipeline).connections).toEqual([{ sender: 'prompt_builder.prompt', receiver: 'llm.messages' }]);
    // The key stays an env-var reference: YAML never carries a token.
    expect(dumpsPipeline(pipeline)).toContain('type: env_var');
  });

  it('should name an unknown type and list the known ones', () => {
    const error = (() => {
      try {
        loadsPipeline('components:\n  x:\n    type: haystack.components.rankers.Unknown\n    init_parameters: {}\nconnections: []\n');
      } catch (caught) {
        return caught as Error;
      }
      return null;
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error!.message).toMatch(/^Unknown component type 'haystack.components.rankers.Unknown'. Known types: .*haystack.components.builders.chat_prompt_builder.ChatPromptBuilder.*Register its class/);
  });

  it('should take component classes for one load without registering them', () => {
    const pipeline = new Pipeline().addComponent('a', new AddValue(4));
    const loaded = loadsPipeline(dumpsPipeline(pipeline), { components: [AddValue] });
    expect(loaded.getComponent('a').toDict()).toEqual({ type: 'test.AddValue', init_parameters: { amount: 4 } });
  });
});

describe('PromptBuilder and ChatPromptBuilder', () => {
  it('should find the variables a template reads and render loops and filters', async () => {
    const builder = new PromptBuilder({
      template: '{% for doc in documents %}[{{ loop.index }}] {{ doc.content | upper }}\n{% endfor %}Q: {{ query }}{% set unused = 1 %}',
      requiredVariables: ['query'],
    });
    expect([...builder.variables].sort()).toEqual(['documents', 'query']);
    expect(builder.sockets.inputs.query).toMatchObject({ mandatory: true });
    expect(builder.sockets.inputs.documents).toMatchObject({ mandatory: false });
    const { prompt } = await builder.run({ documents: [{ content: 'a' }, { content: 'b' }], query: 'why?' });
    expect(prompt).toBe('[1] A\n[2] B\nQ: why?');
    await expect(builder.run({ documents: [] })).rejects.toThrow('PromptBuilder is missing the required variables: query.');
    expect(PromptBuilder.fromDict(builder.toDict()).toDict()).toEqual(builder.toDict());
  });

  it('should render a string chat template of message blocks', async () => {
    const builder = new ChatPromptBuilder({
      template: '{% message role="system" %}Be brief.{% endmessage %}\n{% message role="user" %}Hi {{ name }}!{% endmessage %}',
    });
    expect(builder.variables).toEqual(['name']);
    const { prompt } = await builder.run({ name: 'Ada' });
    expect(prompt.map((message) => [message.role, message.text])).toEqual([
      ['system', 'Be brief.'],
      ['user', 'Hi Ada!'],
    ]);
    expect(() => new ChatPromptBuilder({ template: 'no blocks' })).toThrow(/needs at least one \{% message role="user" %\}/);
  });
});
