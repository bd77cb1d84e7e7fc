/**
 * `hayloft/components`: Headless primitives and the drop-in <Chat>.
 *
 * Not built yet: this entry exists so the package layout and its subpath export are in place;
 * its API lands with issue #6 (see README, "Status").
 * @packageDocumentation
 */
export {};
