// Its own module so that runScripts.ts and model.ts (which builds on runScripts) share it without an import loop.
import type { From, Instruction } from 'dockerfile-ast';

/** One build stage: a FROM and the instructions up to the next FROM. */
export interface BuildStage {
  index: number;
  from: From;
  /** The `AS name`, lower-cased (stage names are case-insensitive), if any. */
  name?: string;
  /** Instructions after the FROM, in order. */
  instructions: Instruction[];
  /** The earlier stage this one builds on (`FROM build`), if any. */
  parent?: BuildStage;
}
