import { DockerfileParser } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';

/**
 * A Dockerfile's dockerfile-ast parse, shared by the consumers of one text: a
 * scan hands each Dockerfile to the evidence reader and then to the rule
 * engine, one right after the other, and both read the same parse (neither
 * changes it). One slot is enough for that hand-over and keeps nothing else
 * alive; a text seen again later is simply parsed again.
 */
let lastText: string | undefined;
let lastParse: Dockerfile | undefined;

export function parseDockerfile(text: string): Dockerfile {
  if (lastParse !== undefined && text === lastText) return lastParse;
  const parsed = DockerfileParser.parse(text);
  lastText = text;
  lastParse = parsed;
  return parsed;
}
