import { ConfigError } from '../core/index.js';

/** Typed readers for a dict's `init_parameters`; null and absent read as undefined, wrong types throw naming the key. */
export const readInitParameters = (init: Record<string, unknown>, className: string) => {
  const present = (key: string): unknown => (init[key] === null ? undefined : init[key]);
  const fail = (key: string, what: string): never => {
    throw new ConfigError(`${className}.fromDict: '${key}' must be ${what}.`);
  };
  return {
    string(key: string): string | undefined {
      const value = present(key);
      return value === undefined || typeof value === 'string' ? value : fail(key, 'a string');
    },
    number(key: string): number | undefined {
      const value = present(key);
      return value === undefined || typeof value === 'number' ? value : fail(key, 'a number');
    },
    boolean(key: string): boolean | undefined {
      const value = present(key);
      return value === undefined || typeof value === 'boolean' ? value : fail(key, 'true or false');
    },
    record(key: string): Record<string, unknown> | undefined {
      const value = present(key);
      if (value === undefined) return undefined;
      return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(key, 'an object');
    },
    numberList(key: string): number[] | undefined {
      const value = present(key);
      if (value === undefined) return undefined;
      return Array.isArray(value) && value.every((item) => typeof item === 'number') ? value : fail(key, 'a list of numbers');
    },
  };
};
