import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, Tool, ToolError, Toolset, flattenTools, toolResultToString } from '../../src/index.js';

const weather = new Tool({
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  invoke: ({ city }) => ({ city, celsius: 21 }),
});

describe('Tool', () => {
  it('should describe itself as an OpenAI tool and run', async () => {
    expect(weather.toOpenAITool()).toEqual({
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    });
    expect(weather.toOpenAITool(true).function.strict).toBe(true);
    expect(toolResultToString(await weather.invoke({ city: 'Bonn' }))).toBe('{"city":"Bonn","celsius":21}');
  });

  it('should take a zod schema, send its JSON Schema and validate arguments with it', async () => {
    const add = new Tool({
      name: 'add',
      description: 'Adds two numbers',
      parameters: z.object({ a: z.number(), b: z.number().describe('second') }),
      invoke: ({ a, b }) => a + b,
    });
    expect(add.parameters).toMatchObject({
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number', description: 'second' } },
      required: ['a', 'b'],
    });
    expect(add.parameters).not.toHaveProperty('$schema');
    expect(await add.invoke({ a: 2, b: 3 })).toBe(5);
    await expect(add.invoke({ a: 'two', b: 3 })).rejects.toThrow(/arguments for tool 'add' does not match its schema: a: /);
  });

  it('should turn a throwing tool into a ToolError that names it', async () => {
    const broken = new Tool({ name: 'broken', description: '', parameters: { type: 'object' }, invoke: () => {
      throw new Error('disk full');
    } });
    const error: unknown = await broken.invoke({}).catch((e: unknown) => e);
    expect(ToolError.isInstance(error)).toBe(true);
    expect((error as ToolError).message).toBe("Tool 'broken' failed: disk full");
    expect((error as ToolError).toolName).toBe('broken');
  });

  it('should refuse names the providers refuse', () => {
    expect(() => new Tool({ name: 'get weather', description: '', parameters: {}, invoke: () => 1 })).toThrow(
      /use 1-64 letters, digits/,
    );
  });

  it("should write Haystack's dict and read it back with an implementation", async () => {
    expect(weather.toDict()).toEqual({
      type: 'haystack.tools.tool.Tool',
      data: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: weather.parameters,
        function: 'get_weather',
        outputs_to_string: null,
        inputs_from_state: null,
        outputs_to_state: null,
      },
    });
    const back = Tool.fromDict(weather.toDict(), { get_weather: () => 'sunny' });
    expect(await back.invoke({ city: 'x' })).toBe('sunny');
    expect(() => Tool.fromDict(weather.toDict(), {})).toThrow(/No implementation for tool 'get_weather'/);
  });
});

describe('Toolset', () => {
  it('should refuse duplicate names and flatten with plain tools', () => {
    const other = new Tool({ name: 'other', description: '', parameters: {}, invoke: () => 1 });
    expect(() => new Toolset([weather, weather])).toThrow(ConfigError);
    const set = new Toolset([weather]);
    expect(flattenTools([set, other]).map((tool) => tool.name)).toEqual(['get_weather', 'other']);
    expect(() => flattenTools([set, weather])).toThrow(/Duplicate tool name 'get_weather'/);
    expect(set.toDict()).toEqual({ type: 'haystack.tools.toolset.Toolset', data: { tools: [weather.toDict()] } });
  });
});
