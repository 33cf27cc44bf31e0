import { parseToml } from '../parsers/tomlTree';
import type { TreeMap } from '../parsers/locatedTree';
import type { EvidenceFacts } from '../facts';
import type { FileToRead } from './reader';

/** The file's TOML tree; a file that is not TOML gives an empty tree and a located parse problem in the facts. */
export function readTomlFile(file: FileToRead, facts: EvidenceFacts): TreeMap {
  const parsed = parseToml(file.text);
  if (parsed.problem)
    facts.parseProblems.push({
      path: file.path,
      line: parsed.problem.line,
      column: parsed.problem.column,
      message: `${parsed.problem.message} (TOML)`,
    });
  return parsed.root;
}
