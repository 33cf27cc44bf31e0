import { DockerfileParser } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';

/**
 * A Dockerfile's dockerfile-ast parse, handed from the evidence reader to the
 * rule engine: a scan gives each Dockerfile to the reader and then, right
 * after, to the rule engine, and both read the same parse (neither changes
 * it). One slot is enough for that hand-over and keeps nothing else alive.
 */
let lastText: string | undefined;
let lastParse: Dockerfile | undefined;

/** The parse of `text`, left in the slot for the rule engine (the evidence reader's parse). */
export function parseDockerfile(text: string): Dockerfile {
  if (lastParse !== undefined && text === lastText) return lastParse;
  lastText = text;
  lastParse = DockerfileParser.parse(text);
  return lastParse;
}

/**
 * The parse of `text`: the reader's when it just parsed this text, taken out of the slot (so analysing
 * the same text again, as an editor does on each change, parses it again), else a parse of its own.
 */
export function takeDockerfileParse(text: string): Dockerfile {
  if (lastParse !== undefined && text === lastText) {
    const parsed = lastParse;
    lastText = undefined;
    lastParse = undefined;
    return parsed;
  }
  return DockerfileParser.parse(text);
}
