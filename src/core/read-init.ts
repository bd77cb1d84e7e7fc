import { ConfigError } from './errors.js';
import { Secret } from './secret.js';

/** Typed readers for `init_parameters`, with errors that name the parameter. */
export const initReader = (init: Record<string, unknown>, className: string) => ({
  string(key: string): string | undefined {
    const value = init[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new ConfigError(`${className}.fromDict: '${key}' must be a string.`);
    return value;
  },
  number(key: string): number | undefined {
    const value = init[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number') throw new ConfigError(`${className}.fromDict: '${key}' must be a number.`);
    return value;
  },
  boolean(key: string): boolean | undefined {
    const value = init[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw new ConfigError(`${className}.fromDict: '${key}' must be true or false.`);
    return value;
  },
  record(key: string): Record<string, unknown> | undefined {
    const value = init[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${className}.fromDict: '${key}' must be an object.`);
    return value as Record<string, unknown>;
  },
  stringList(key: string): string[] | undefined {
    const value = init[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw new ConfigError(`${className}.fromDict: '${key}' must be a list of strings.`);
    }
    return value as string[];
  },
  /** An env-var secret dict; a plain string is refused so a key never sits in a saved file. */
  secret(key: string): Secret | undefined {
    const value = init[key];
    if (value === undefined || value === null) return undefined;
    if (!Secret.isSecretDict(value)) {
      throw new ConfigError(`${className}.fromDict: '${key}' must be a secret dict ({ type: 'env_var', env_vars, strict }).`);
    }
    return Secret.fromDict(value);
  },
});

/** A Secret's dict, or null. */
export const secretToDict = (secret: Secret | undefined): unknown => (secret === undefined ? null : secret.toDict());
