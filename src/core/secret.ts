import { ConfigError } from './errors.js';
import { readEnv } from './runtime.js';

/** Haystack's serialised form of an environment-variable secret. */
export interface SecretDict {
  type: 'env_var' | 'token';
  env_vars: string[] | null;
  strict: boolean;
}

/**
 * A credential that is resolved only when it is needed, as in Haystack's `haystack.utils.Secret`.
 *
 * `Secret.fromEnvVar` reads the environment where one exists (Node, Deno, Bun, edge runtimes); in a
 * browser it resolves to nothing, so a generator pointed at hayloft's proxy sends no credential.
 * A token secret refuses to serialise, so a key never ends up in a saved pipeline.
 *
 * @example
 * const key = Secret.fromEnvVar(['OPENAI_API_KEY'], { strict: false });
 */
export abstract class Secret {
  /** `token` or `env_var`. */
  abstract readonly type: 'token' | 'env_var';

  /** A secret holding the token itself. Never serialisable. */
  static fromToken(token: string): Secret {
    return new TokenSecret(token);
  }

  /** A secret read from the first set environment variable; `strict` (default) throws when none is set. */
  static fromEnvVar(envVars: string | readonly string[], options: { strict?: boolean } = {}): Secret {
    return new EnvVarSecret(typeof envVars === 'string' ? [envVars] : [...envVars], options.strict ?? true);
  }

  /** Reads a secret back from Haystack's dict shape. */
  static fromDict(dict: SecretDict): Secret {
    if (dict.type === 'token') {
      throw new ConfigError('Cannot deserialize a token-based secret. Use an environment-variable secret instead.');
    }
    if (dict.type !== 'env_var' || !Array.isArray(dict.env_vars)) {
      throw new ConfigError(
        `Unknown secret type '${String((dict as { type?: unknown }).type)}'. Valid types: 'env_var'.`,
      );
    }
    return Secret.fromEnvVar(dict.env_vars, { strict: dict.strict });
  }

  /** True when `value` is a dict in Haystack's secret shape. */
  static isSecretDict(value: unknown): value is SecretDict {
    return (
      typeof value === 'object' &&
      value !== null &&
      'type' in value &&
      ((value).type === 'env_var' || (value).type === 'token') &&
      'env_vars' in value
    );
  }

  /** The secret's value, or `undefined` when a non-strict env-var secret finds nothing. */
  abstract resolve(): string | undefined;

  /** Haystack's dict shape; throws for a token secret. */
  abstract toDict(): SecretDict;

  /** A description without the value. */
  toString(): string {
    return `[hayloft Secret: ${this.type}]`;
  }
}

class TokenSecret extends Secret {
  readonly type = 'token' as const;
  readonly #token: string;

  constructor(token: string) {
    super();
    if (token === '') throw new ConfigError('Secret.fromToken needs a non-empty token.');
    this.#token = token;
  }

  resolve(): string {
    return this.#token;
  }

  toDict(): never {
    // Haystack's own wording (haystack/utils/auth.py), so users of both read the same thing.
    throw new ConfigError(
      'Cannot serialize token-based secret. Use an alternative secret type like environment variables.',
    );
  }

  // Keep the token out of console.log, JSON.stringify and util.inspect.
  toJSON(): string {
    return '[hayloft Secret: token]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[hayloft Secret: token]';
  }
}

class EnvVarSecret extends Secret {
  readonly type = 'env_var' as const;

  constructor(
    readonly envVars: string[],
    readonly strict: boolean,
  ) {
    super();
    if (envVars.length === 0) throw new ConfigError('Secret.fromEnvVar needs at least one variable name.');
  }

  resolve(): string | undefined {
    for (const name of this.envVars) {
      const value = readEnv(name);
      if (value !== undefined) return value;
    }
    if (this.strict) {
      throw new ConfigError(
        `None of the following authentication environment variables are set: ${this.envVars.join(', ')}. ` +
          'Set one of them on the server, or point the generator at hayloft\'s proxy.',
      );
    }
    return undefined;
  }

  toDict(): SecretDict {
    return { type: 'env_var', env_vars: [...this.envVars], strict: this.strict };
  }
}
