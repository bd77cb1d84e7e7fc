import { Tool } from '../../src/index.js';

/** The tool the recorded `tool-calls` fixtures call: `get_weather({ city })`, answered in the browser. */
export const weatherTool = (invoke: (city: string) => unknown = (city) => `Sunny in ${city}`): Tool =>
  new Tool({
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    invoke: ({ city }) => invoke(String(city)),
  });
