import { ConfigError } from './errors.js';

/** A JSON Schema object, as sent to providers for tool parameters and structured output. */
export type JsonSchema = { readonly [key: string]: unknown };

/** The issue reported by a Standard Schema validator. */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * A schema object from a validation library that implements Standard Schema and Standard JSON Schema
 * (zod 4.2+, valibot, arktype). hayloft reads it structurally and never imports the library.
 */
export interface StandardJsonSchemaLike<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate?: (
      value: unknown,
    ) =>
      | { readonly value: Output; readonly issues?: undefined }
      | { readonly issues: readonly SchemaIssue[] }
      | Promise<{ readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly SchemaIssue[] }>;
    readonly jsonSchema?: {
      readonly input: (options: { readonly target: string }) => Record<string, unknown>;
      readonly output: (options: { readonly target: string }) => Record<string, unknown>;
    };
  };
}

/** True for a Standard Schema object (a zod schema, for example). */
export const isStandardSchema = (value: unknown): value is StandardJsonSchemaLike =>
  typeof value === 'object' && value !== null && '~standard' in value;

/**
 * The JSON Schema of a plain schema object or of a Standard JSON Schema (zod 4.2+), without `$schema`.
 */
export const toJsonSchema = (schema: JsonSchema | StandardJsonSchemaLike): JsonSchema => {
  if (!isStandardSchema(schema)) return schema;
  const converter = schema['~standard'].jsonSchema;
  if (!converter) {
    throw new ConfigError(
      `This ${schema['~standard'].vendor} schema cannot produce a JSON Schema. Use zod 4.2 or newer, or pass a JSON Schema object.`,
    );
  }
  const { $schema: _ignored, ...json } = converter.input({ target: 'draft-07' });
  return json;
};

/** Validates `value` with a Standard Schema; throws a message listing the issues. */
export const validateWithSchema = async <T>(schema: StandardJsonSchemaLike<T>, value: unknown, what: string): Promise<T> => {
  const validate = schema['~standard'].validate;
  if (!validate) return value as T;
  const result = await validate(value);
  if (result.issues) {
    const issues = result.issues
      .slice(0, 5)
      .map((issue) => {
        const path = (issue.path ?? []).map((key) => String(typeof key === 'object' ? key.key : key)).join('.');
        return path === '' ? issue.message : `${path}: ${issue.message}`;
      })
      .join('; ');
    throw new ConfigError(`${what} does not match its schema: ${issues}.`);
  }
  return result.value;
};
