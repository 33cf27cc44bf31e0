import type { Node } from 'yaml';
import { isFixOnDemand } from '../engine/fixesOnDemand';
import type { RawFinding, RuleFix } from '../types';
import { nodeRange } from '../yaml/yamlSupport';
import type { YamlFile } from '../yaml/yamlSupport';

/**
 * A finding on a node's range; none when the node has no range (it never came from the source). A fix without
 * edits is left out (one built on demand, when it is settled: engine/fixesOnDemand.ts).
 */
export function findingOn(file: YamlFile, ruleId: string, node: Node | null | undefined, message?: string, fix?: RuleFix): RawFinding[] {
  const range = nodeRange(file, node);
  if (!range) return [];
  const finding: RawFinding = { ruleId, range };
  if (message !== undefined) finding.message = message;
  if (fix && (isFixOnDemand(fix) || fix.edits.length > 0)) finding.fix = fix;
  return [finding];
}

/** A finding on `length` characters at `offset` of the file. */
export function findingAt(file: YamlFile, ruleId: string, offset: number, length: number, message?: string, fix?: RuleFix): RawFinding {
  const finding: RawFinding = { ruleId, range: file.mapper.range(offset, offset + length) };
  if (message !== undefined) finding.message = message;
  if (fix && (isFixOnDemand(fix) || fix.edits.length > 0)) finding.fix = fix;
  return finding;
}
