/**
 * hayloft: Haystack's data model and cloud generators for the browser and the server.
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './generators/index.js';
