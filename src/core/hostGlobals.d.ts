// The few host globals the core uses, declared for the core's own type-check (src/core/tsconfig.json
// has neither the DOM lib nor node's types, so that `document` or `process` cannot creep in).
// Every host the core runs in has them: node (CLI, Action, tests), VS Code's extension host, and
// browsers, where the core guards `setImmediate` and `performance` with `typeof`. Only this project
// sees this file; the others get the same names from their DOM or node typings.

/** A host's timer id (a number in browsers, an object in node): only ever passed back, never inspected. */
type HostTimer = unknown;

declare function setTimeout(callback: () => void, ms?: number): HostTimer;
/** Node only: read it only after `typeof setImmediate === 'function'`. */
declare const setImmediate: ((callback: () => void) => HostTimer) | undefined;
/** Read it only after `typeof performance !== 'undefined'`. */
declare const performance: { now(): number } | undefined;

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
