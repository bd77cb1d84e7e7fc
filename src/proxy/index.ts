/**
 * `hayloft/proxy`: The key-keeping proxy (createProxy).
 *
 * Not built yet: this entry exists so the package layout and its subpath export are in place;
 * its API lands with issue #3 (see README, "Status").
 * @packageDocumentation
 */
export {};
