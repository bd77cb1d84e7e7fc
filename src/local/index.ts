/**
 * `hayloft/local`: Local models in the browser (transformers.js on WebGPU/WASM).
 *
 * Not built yet: this entry exists so the package layout and its subpath export are in place;
 * its API lands with issue #4 (see README, "Status").
 * @packageDocumentation
 */
export {};
