/**
 * `hayloft/pipeline`: Pipelines, prompt builders, retrievers and serialisation.
 *
 * Not built yet: this entry exists so the package layout and its subpath export are in place;
 * its API lands with issue #7 (see README, "Status").
 * @packageDocumentation
 */
export {};
