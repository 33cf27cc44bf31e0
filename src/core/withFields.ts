/**
 * A copy of `base` with `fields` set (added, or replacing base's in place), as `{ ...base, ...fields }` makes it —
 * the same keys in the same order, a plain object of `Object.prototype` — for objects a scan keeps by the thousand
 * (a file of a walk, a digest with its findings, a finding's related place).
 *
 * Why not a spread, nor `Object.assign({}, …)`: V8 (Node 20) finds an object's hidden class by following transitions
 * from the class it started with, one per key added. An object spread that adds fields leaves that path once its site
 * has seen more than one shape, and so does any object built from `{}` once the class of `{}` has 1,536 live
 * transitions — which records keyed by data (a selector's labels, replicas by service name, parsed JSON and YAML)
 * reach in a large scan. Past either, every object made gets a hidden class of its own: about 220 bytes each (and,
 * measured for spreads, four times the time): 16,000 files of the 100,000-file bench tree's walk, 4 MB of the scan
 * worker's heap.
 * Objects made here start from a class of their own (`KeptRecord`'s), which only this function adds keys to, so
 * objects of one shape always share one class.
 */
export function withFields<Base extends object, Fields extends object>(base: Base, fields: Fields): WithFields<Base, Fields> {
  return Object.assign(new (KeptRecord as unknown as new () => object)(), base, fields) as unknown as WithFields<Base, Fields>;
}

/** `Base` with `Fields` set, for each member of a union `Base` (a digest of any type keeps its type). */
export type WithFields<Base, Fields> = Base extends unknown ? Omit<Base, keyof Fields> & Fields : never;

/**
 * The constructor of withFields' objects: its own initial hidden class, and `Object.prototype` as theirs, so what it
 * makes is a plain object to everything that looks (prototype, `constructor`, deep equality, JSON, structured clone).
 */
function KeptRecord(): void {}
KeptRecord.prototype = Object.prototype;
