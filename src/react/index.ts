/**
 * `hayloft/react`: React hooks, the chat controller and store.
 *
 * Not built yet: this entry exists so the package layout and its subpath export are in place;
 * its API lands with issue #5 (see README, "Status").
 * @packageDocumentation
 */
export {};
