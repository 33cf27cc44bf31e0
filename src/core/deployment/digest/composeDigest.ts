import { isMap, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import { findPair, mapEntries, nodeRange, seqItems } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import { lookupValue, resolveNode, scalarText } from '../../rules/compose/composeModel';
import type { ComposeFile, ComposeService } from '../../rules/compose/composeModel';
import { parseShortPort } from '../../rules/compose/portSyntax';
import type { ComposeDigest, ComposeServiceDigest } from '../types';

/**
 * What the workspace model needs of a compose file: each service's image,
 * build, the keys it sets (own or merged from `x-` anchors) and its links to
 * other files. Paths stay as written, relative to the file's folder: the
 * model resolves them once it knows where the file lies.
 */
export function composeDigest(compose: ComposeFile): ComposeDigest {
  return {
    type: 'compose',
    path: '',
    services: compose.services.map((service) => serviceDigest(compose, service)),
    includes: includePaths(compose.doc, findPair(compose.root, 'include')?.value),
  };
}

function serviceDigest(compose: ComposeFile, service: ComposeService): ComposeServiceDigest {
  const { doc } = compose;
  const keys: Record<string, number> = {};
  collectKeys(compose.file, doc, service.map, keys, 0);
  const digest: ComposeServiceDigest = {
    name: service.name,
    line: lineOf(compose.file, service.pair.key as Node),
    keys,
    publishesPorts: seqItems(lookupValue(doc, service.map, 'ports')).length > 0,
  };
  if (digest.publishesPorts && publishesOnLoopbackOnly(doc, lookupValue(doc, service.map, 'ports'))) digest.loopbackOnly = true;
  const image = scalarText(lookupValue(doc, service.map, 'image'));
  if (image) digest.image = image;
  const build = buildOf(doc, lookupValue(doc, service.map, 'build'));
  if (build) digest.build = build;
  const restart = scalarText(lookupValue(doc, service.map, 'restart'));
  if (restart !== undefined) digest.restart = restart;
  const user = scalarText(lookupValue(doc, service.map, 'user'));
  if (user) digest.user = user;
  const extendsOf = extendsTarget(doc, lookupValue(doc, service.map, 'extends'));
  if (extendsOf) digest.extends = extendsOf;
  const awaited = awaitedToComplete(doc, lookupValue(doc, service.map, 'depends_on'));
  if (awaited.length > 0) digest.awaitsCompletionOf = awaited;
  return digest;
}

/** Every published port binds a loopback address (`127.0.0.1:5432:5432`, `host_ip: 127.0.0.1`): only this host reaches them. */
function publishesOnLoopbackOnly(doc: Document.Parsed, ports: Node | null | undefined): boolean {
  return seqItems(ports).every((item) => {
    const node = resolveNode(doc, item);
    const hostIp = isMap(node) ? scalarText(lookupValue(doc, node, 'host_ip')) : parseShortPort(scalarText(node) ?? '').hostIp;
    return hostIp !== undefined && (hostIp.startsWith('127.') || hostIp === '::1' || hostIp === '[::1]');
  });
}

/** The services `depends_on` waits for to exit successfully (`condition: service_completed_successfully`): tasks that run once. */
function awaitedToComplete(doc: Document.Parsed, node: Node | null | undefined): string[] {
  const awaited: string[] = [];
  for (const [name, pair] of mapEntries(resolveNode(doc, node))) {
    const condition = scalarText(lookupValue(doc, resolveNode(doc, pair.value), 'condition'));
    if (condition === 'service_completed_successfully') awaited.push(name);
  }
  return awaited;
}

/** Own keys first, then keys merged through `<<` (own keys win, as in YAML). */
function collectKeys(file: YamlFile, doc: Document.Parsed, map: unknown, keys: Record<string, number>, depth: number): void {
  if (depth > 8) return;
  for (const [key, pair] of mapEntries(map)) {
    if (key === '<<' || Object.hasOwn(keys, key)) continue;
    keys[key] = lineOf(file, pair.key as Node);
  }
  const merge = findPair(map, '<<');
  if (!merge) return;
  const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
  for (const source of sources) collectKeys(file, doc, resolveNode(doc, source), keys, depth + 1);
}

/** `build: ./api` or `build: { context, dockerfile, target }`; relative paths as written (context `.` by default). */
function buildOf(doc: Document.Parsed, node: Node | null | undefined): ComposeServiceDigest['build'] | undefined {
  const short = scalarText(node);
  if (short !== undefined) return short ? { context: short, dockerfile: 'Dockerfile' } : undefined;
  if (!isMap(node)) return undefined;
  const context = scalarText(lookupValue(doc, node, 'context')) || '.';
  const dockerfile = scalarText(lookupValue(doc, node, 'dockerfile')) || 'Dockerfile';
  const target = scalarText(lookupValue(doc, node, 'target'));
  // An inline Dockerfile (`dockerfile_inline`) or a remote context builds no file of this workspace.
  if (context.includes('://') || context.startsWith('git@') || findPair(node, 'dockerfile_inline')) return undefined;
  return target ? { context, dockerfile, target } : { context, dockerfile };
}

/** `extends: base` (same file) or `extends: { file: common.yml, service: base }`. */
function extendsTarget(doc: Document.Parsed, node: Node | null | undefined): ComposeServiceDigest['extends'] | undefined {
  const short = scalarText(node);
  if (short) return { path: '', service: short };
  if (!isMap(node)) return undefined;
  const service = scalarText(lookupValue(doc, node, 'service'));
  if (!service) return undefined;
  return { path: scalarText(lookupValue(doc, node, 'file')) ?? '', service };
}

/** `include: [a.yml, {path: b.yml}, {path: [c.yml, d.yml]}]`: the files, as written. */
function includePaths(doc: Document.Parsed, node: unknown): string[] {
  const paths: string[] = [];
  for (const item of seqItems(resolveNode(doc, node))) {
    const short = scalarText(item);
    if (short) {
      paths.push(short);
      continue;
    }
    const path = resolveNode(doc, findPair(item, 'path')?.value);
    const listed = isSeq(path) ? path.items.map(scalarText) : [scalarText(path)];
    for (const each of listed) if (each) paths.push(each);
  }
  return paths;
}

function lineOf(file: YamlFile, node: Node | null | undefined): number {
  return nodeRange(file, node)?.start.line ?? 0;
}
