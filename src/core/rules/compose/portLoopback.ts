import { Scalar } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import type { TextEdit } from '../../text';
import type { YamlFile } from '../yaml/yamlSupport';
import { findPair } from '../yaml/yamlSupport';
import { insertEntries, replaceValue } from '../yaml/yamlEdits';

/** The quick fix of the rules about ports published on every interface: publish on loopback only. */
export const LOOPBACK = '127.0.0.1';

/** Prefixes `127.0.0.1:` (or replaces the all-interfaces IP) inside the scalar, keeping its quotes. */
export function shortSyntaxLoopbackEdits(
  file: YamlFile,
  node: Scalar,
  spec: string,
  hostIp: string | undefined,
  hostIpOffset: number | undefined,
): TextEdit[] {
  if (!node.range || (node.type !== Scalar.PLAIN && node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE)) return [];
  const contentStart = node.range[0] + (node.type === Scalar.PLAIN ? 0 : 1);
  // Only edit when the source is the value verbatim (no escapes), so offsets inside it are exact.
  if (file.text.slice(contentStart, contentStart + spec.length) !== spec) return [];
  if (hostIp !== undefined && hostIpOffset !== undefined) {
    const start = contentStart + hostIpOffset;
    return [{ range: file.mapper.range(start, start + hostIp.length), newText: LOOPBACK }];
  }
  const prefix = spec.includes(':') ? `${LOOPBACK}:` : `${LOOPBACK}::`; // "5432" alone: random host port on loopback
  return [{ range: file.mapper.range(contentStart, contentStart), newText: prefix }];
}

/** Long syntax: set `host_ip: 127.0.0.1` (replacing an all-interfaces value). */
export function longSyntaxLoopbackEdits(file: YamlFile, map: YAMLMap<Node, Node | null>): TextEdit[] {
  return findPair(map, 'host_ip') ? replaceValue(file, map, 'host_ip', LOOPBACK) : insertEntries(file, map, { host_ip: LOOPBACK });
}
