import { describe, expect, it } from 'vitest';
import { ChatMessage } from '../../src/index.js';
import { Document, OutputAdapter, Pipeline } from '../../src/pipeline/index.js';

describe('OutputAdapter', () => {
  it("should render Haystack's example and take the template's variables as inputs", async () => {
    const adapter = new OutputAdapter({ template: '{{ documents[0].content }}', outputType: 'str' });
    expect(Object.keys(adapter.sockets.inputs)).toEqual(['documents']);
    expect(await adapter.run({ documents: [new Document({ content: 'Test content' })] })).toEqual({ output: 'Test content' });
  });

  it('should read a rendered Python or JSON literal as data, and keep other text as text', async () => {
    expect(await new OutputAdapter({ template: "{{ ['a', 'b'] + extra }}", outputType: 'typing.List[str]' }).run({ extra: ['c'] })).toEqual({ output: ['a', 'b', 'c'] });
    expect(await new OutputAdapter({ template: '{{ n * 2 }}', outputType: 'int' }).run({ n: 21 })).toEqual({ output: 42 });
    expect(await new OutputAdapter({ template: "{'ok': True, 'none': None}" }).run({ x: 1 })).toEqual({ output: { ok: true, none: null } });
    expect(await new OutputAdapter({ template: 'Hello {{ name }}' }).run({ name: 'Ada' })).toEqual({ output: 'Hello Ada' });
  });

  it('should apply custom filters, and return native values in unsafe mode without evaluating code', async () => {
    const shout = new OutputAdapter({ template: '{{ reply | shout("!") }}', customFilters: { shout: (value, end) => `${String(value).toUpperCase()}${typeof end === 'string' ? end : ''}` } });
    expect(Object.keys(shout.sockets.inputs)).toEqual(['reply']);
    expect(await shout.run({ reply: 'hi' })).toEqual({ output: 'HI!' });
    const native = new OutputAdapter({ template: '{{ documents[:1] }}', outputType: 'typing.List[haystack.Document]', unsafe: true });
    const { output } = await native.run({ documents: [{ content: 'a' }, { content: 'b' }] });
    expect(output).toEqual([{ content: 'a' }]);
  });

  it('should fail clearly without inputs or on a template error, and round-trip its dict', async () => {
    const adapter = new OutputAdapter({ template: '{{ replies[0] }}' });
    await expect(adapter.run({})).rejects.toThrow('No input data provided for output adaptation.');
    await expect(new OutputAdapter({ template: '{{ x | nosuchfilter }}' }).run({ x: 1 })).rejects.toThrow(/^Error adapting \{\{ x \| nosuchfilter \}\}/);
    expect(adapter.toDict()).toEqual({
      type: 'haystack.components.converters.output_adapter.OutputAdapter',
      init_parameters: { template: '{{ replies[0] }}', output_type: 'str', custom_filters: {}, unsafe: false },
    });
    expect(OutputAdapter.fromDict(adapter.toDict()).toDict()).toEqual(adapter.toDict());
  });

  it('should pass the first reply of a chat generator on, inside a pipeline', async () => {
    class Replies {
      readonly sockets = { inputs: { text: { type: 'string' } }, outputs: { replies: { type: 'ChatMessage[]' } } };
      invoke(inputs: { text: string }) {
        return Promise.resolve({ replies: [ChatMessage.fromAssistant(inputs.text)] });
      }
      toDict() {
        return { type: 'test.Replies', init_parameters: {} };
      }
    }
    const pipeline = new Pipeline().addComponent('llm', new Replies()).addComponent('adapter', new OutputAdapter({ template: '{{ replies[0].text }}', outputType: 'any' }));
    pipeline.connect('llm.replies', 'adapter.replies');
    expect(await pipeline.run({ llm: { text: 'An answer.' } })).toEqual({ adapter: { output: 'An answer.' } });
  });
});
