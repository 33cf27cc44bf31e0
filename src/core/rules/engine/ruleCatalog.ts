import { ROLES } from '../../deployment/types';
import type { Role } from '../../deployment/types';
import { parseDocument } from 'yaml';
import { readShippedData, shippedDataFiles } from '../../shippedData';
import { builtinMatrix } from '../../matrix/builtinMatrix';
import { compareStages, isStageId } from '../../stages';
import { FILE_KINDS } from '../types';
import type { FileKind, RuleMeta, RuleThreshold } from '../types';

/**
 * The rule catalog: every rule's metadata from data/rules/<kind>.yml. This is
 * our own shipped data, so a malformed entry is our bug — it throws at load
 * with every problem listed (a unit test loads it on each run).
 */
export interface RuleCatalog {
  rules: readonly RuleMeta[];
  byId: ReadonlyMap<string, RuleMeta>;
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KNOWN_KEYS = new Set(['id', 'concern', 'from', 'title', 'why', 'fix', 'peers', 'dueSeverity', 'roles', 'thresholds']);
const THRESHOLD_KEYS = new Set(['from', 'value', 'formerId']);

let cached: RuleCatalog | undefined;

/** The shipped catalog, loaded once. */
export function builtinRuleCatalog(): RuleCatalog {
  if (!cached) {
    const files = shippedDataFiles('rules').map((name) => ({ name, data: readShippedData(`rules/${name}`) }));
    cached = ruleCatalogFromData(files, builtinConcernIds(), 'data/rules');
  }
  return cached;
}

/** Validates rules files given as text (name `<kind>.yml`, e.g. read from a folder by a node adapter or a test); the file name (without .yml) is the file kind. */
export function ruleCatalogFromTexts(
  files: ReadonlyArray<{ name: string; text: string }>,
  where: string,
  concernIds: ReadonlySet<string> = builtinConcernIds(),
): RuleCatalog {
  const problems: string[] = [];
  const parsedFiles = files
    .filter(({ name }) => name.endsWith('.yml'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, text }) => ({ name, data: parseRulesText(text, name, problems) }));
  return ruleCatalogFromData(parsedFiles, concernIds, where, problems);
}

/** Validates already-parsed rules files (`data: undefined` for one that did not parse; its problem is in `problems`). */
export function ruleCatalogFromData(
  files: ReadonlyArray<{ name: string; data: unknown }>,
  concernIds: ReadonlySet<string>,
  where: string,
  problems: string[] = [],
): RuleCatalog {
  const rules: RuleMeta[] = [];
  for (const { name, data } of files) {
    const kind = name.slice(0, -'.yml'.length);
    if (!(FILE_KINDS as readonly string[]).includes(kind)) {
      problems.push(`${name}: unknown file kind "${kind}" (expected one of ${FILE_KINDS.join(', ')})`);
      continue;
    }
    if (data !== undefined) rules.push(...rulesFromData(data, kind as FileKind, name, concernIds, problems));
  }
  const byId = new Map<string, RuleMeta>();
  for (const rule of rules) {
    if (byId.has(rule.id)) problems.push(`${rule.id}: declared twice`);
    byId.set(rule.id, rule);
  }
  const former = new Set<string>();
  for (const rule of rules) {
    for (const id of formerIdsOf(rule)) {
      if (byId.has(id) || former.has(id)) problems.push(`${rule.id}: former id "${id}" is already a rule's id or another former id`);
      former.add(id);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid rule metadata in ${where}:\n  ${problems.join('\n  ')}`);
  return { rules, byId };
}

function parseRulesText(text: string, fileName: string, problems: string[]): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    problems.push(`${fileName}: ${doc.errors[0].message.split('\n')[0]}`);
    return undefined;
  }
  return doc.toJS();
}

/** Parses one rules file; pushes a message per problem instead of stopping at the first. */
export function rulesFromText(
  text: string,
  kind: FileKind,
  fileName: string,
  concernIds: ReadonlySet<string>,
  problems: string[],
): RuleMeta[] {
  const data = parseRulesText(text, fileName, problems);
  return data === undefined ? [] : rulesFromData(data, kind, fileName, concernIds, problems);
}

/** Validates one parsed rules file. */
function rulesFromData(data: unknown, kind: FileKind, fileName: string, concernIds: ReadonlySet<string>, problems: string[]): RuleMeta[] {
  const entries = isRecord(data) ? data.rules : undefined;
  if (!Array.isArray(entries)) {
    problems.push(`${fileName}: expected a list under "rules:"`);
    return [];
  }
  const rules: RuleMeta[] = [];
  const prefixes = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const where = `${fileName} rules[${index}]`;
    const rule = ruleFromEntry(entry, kind, where, concernIds, problems);
    if (rule) {
      rules.push(rule);
      prefixes.add(rule.id.split('/')[0]);
    }
  });
  if (prefixes.size > 1) problems.push(`${fileName}: rule ids mix prefixes (${[...prefixes].join(', ')}); one file kind uses one prefix`);
  return rules;
}

function ruleFromEntry(
  entry: unknown,
  kind: FileKind,
  where: string,
  concernIds: ReadonlySet<string>,
  problems: string[],
): RuleMeta | undefined {
  if (!isRecord(entry)) {
    problems.push(`${where}: expected a map`);
    return undefined;
  }
  const count = problems.length;
  const id = entry.id;
  const label = typeof id === 'string' ? `${where} (${id})` : where;
  for (const key of Object.keys(entry)) if (!KNOWN_KEYS.has(key)) problems.push(`${label}: unknown key "${key}"`);
  if (typeof id !== 'string' || !RULE_ID.test(id)) problems.push(`${label}: id must look like "prefix/slug" in lower-case kebab case`);
  if (typeof entry.concern !== 'string' || !concernIds.has(entry.concern)) {
    problems.push(`${label}: concern "${String(entry.concern)}" is not a matrix concern (${[...concernIds].join(', ')})`);
  }
  if (!isStageId(entry.from)) problems.push(`${label}: from "${String(entry.from)}" is not a stage id`);
  for (const key of ['title', 'why', 'fix'] as const) {
    if (typeof entry[key] !== 'string' || (entry[key] as string).trim().length === 0)
      problems.push(`${label}: ${key} must be a non-empty string`);
  }
  const peers = entry.peers;
  if (!Array.isArray(peers) || !peers.every((peer) => typeof peer === 'string' && peer.trim().length > 0)) {
    problems.push(`${label}: peers must be a list of non-empty strings (may be empty)`);
  }
  const dueSeverity = entry.dueSeverity;
  if (dueSeverity !== undefined && dueSeverity !== 'warning' && dueSeverity !== 'info') {
    problems.push(`${label}: dueSeverity must be "warning" or "info"`);
  }
  const roles = entry.roles;
  if (
    roles !== undefined &&
    (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => (ROLES as readonly unknown[]).includes(role)))
  ) {
    problems.push(`${label}: roles must be a non-empty list of ${ROLES.join(', ')}`);
  }
  const thresholds = entry.thresholds === undefined ? undefined : thresholdsFrom(entry.thresholds, entry.from, label, problems);
  if (problems.length > count) return undefined;
  const rule: RuleMeta = {
    id: id as string,
    kind,
    concern: entry.concern as string,
    from: entry.from as RuleMeta['from'],
    title: (entry.title as string).trim(),
    why: (entry.why as string).trim(),
    fix: (entry.fix as string).trim(),
    peers: [...(peers as string[])],
  };
  if (dueSeverity !== undefined) rule.dueSeverity = dueSeverity as 'warning' | 'info';
  if (roles !== undefined) rule.roles = [...(roles as Role[])];
  if (thresholds) rule.thresholds = thresholds;
  return rule;
}

/**
 * `thresholds:`: a list of `{ from, value, formerId? }`, stages rising from
 * the rule's own `from`, values rising with them (a later stage asks more).
 */
function thresholdsFrom(value: unknown, ruleFrom: unknown, label: string, problems: string[]): RuleThreshold[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${label}: thresholds must be a non-empty list of { from, value, formerId? }`);
    return undefined;
  }
  const thresholds: RuleThreshold[] = [];
  value.forEach((item: unknown, index) => {
    const where = `${label} thresholds[${index}]`;
    if (!isRecord(item)) {
      problems.push(`${where}: expected a map`);
      return;
    }
    for (const key of Object.keys(item)) if (!THRESHOLD_KEYS.has(key)) problems.push(`${where}: unknown key "${key}"`);
    const previous = thresholds[thresholds.length - 1];
    if (!isStageId(item.from)) problems.push(`${where}: from "${String(item.from)}" is not a stage id`);
    else if (index === 0 && item.from !== ruleFrom)
      problems.push(`${where}: the first threshold starts at the rule's from ("${String(ruleFrom)}")`);
    else if (previous && compareStages(item.from, previous.from) <= 0) problems.push(`${where}: stages must rise`);
    if (typeof item.value !== 'number' || !Number.isInteger(item.value) || item.value < 1)
      problems.push(`${where}: value must be a positive integer`);
    else if (previous && item.value <= previous.value) problems.push(`${where}: values must rise with the stages`);
    if (item.formerId !== undefined && (typeof item.formerId !== 'string' || !RULE_ID.test(item.formerId)))
      problems.push(`${where}: formerId must look like "prefix/slug"`);
    if (isStageId(item.from) && typeof item.value === 'number') {
      const threshold: RuleThreshold = { from: item.from, value: item.value };
      if (typeof item.formerId === 'string') threshold.formerId = item.formerId;
      thresholds.push(threshold);
    }
  });
  return thresholds;
}

/** The ids a rule replaced (its thresholds' former ids). */
export function formerIdsOf(rule: RuleMeta): string[] {
  return (rule.thresholds ?? []).flatMap((threshold) => (threshold.formerId ? [threshold.formerId] : []));
}

/**
 * Every id a user may name in `.stage.yml` (`rules:`, waivers) and in inline
 * comments: the rules' ids and the ids of the rules they replaced.
 */
export function nameableRuleIds(catalog: RuleCatalog): ReadonlySet<string> {
  return new Set([...catalog.byId.keys(), ...catalog.rules.flatMap(formerIdsOf)]);
}

function builtinConcernIds(): ReadonlySet<string> {
  return new Set(builtinMatrix().concerns.map((concern) => concern.id));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
