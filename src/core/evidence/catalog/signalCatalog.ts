import { readShippedData } from '../../shippedData';
import { ECOSYSTEMS } from '../facts';
import type { Ecosystem } from '../facts';
import { dataRegex } from './dataRegex';
import type {
  Condition,
  ContextDefinition,
  ResourceMatcher,
  SignalCatalog,
  SignalDefinition,
  SignalMatch,
  StructuredMatcher,
  TerraformMatcher,
} from './types';

let cached: SignalCatalog | undefined;

/** The shipped catalogue, data/signals.yml (a unit test keeps it consistent with the matrix and the code). */
export function builtinSignalCatalog(): SignalCatalog {
  if (!cached) cached = signalCatalogFromData(readShippedData('signals.yml'));
  return cached;
}

/**
 * Shapes and checks the shipped YAML. Throws on malformed data: the catalogue
 * ships with the extension, so a mistake in it is our bug, caught by tests.
 */
export function signalCatalogFromData(raw: unknown): SignalCatalog {
  const data = record(raw, 'signals.yml');
  const signals = list(data.signals, 'signals').map((item, index) => toSignal(item, `signals[${index}]`));
  const contexts = list(data.contexts ?? [], 'contexts').map((item, index) => toContext(item, `contexts[${index}]`));
  const byId = new Map<string, SignalDefinition>();
  for (const signal of signals) {
    if (byId.has(signal.id)) throw new Error(`signals.yml: duplicate signal ${signal.id}`);
    byId.set(signal.id, signal);
  }
  for (const context of contexts) {
    for (const id of context.anyOf) if (!byId.has(id)) throw new Error(`signals.yml: context ${context.id} names unknown signal ${id}`);
  }
  return { signals, contexts, byId };
}

function toSignal(raw: unknown, where: string): SignalDefinition {
  const item = record(raw, where);
  const signal: SignalDefinition = {
    id: text(item.id, `${where}.id`),
    concern: text(item.concern, `${where}.concern`),
    description: text(item.description, `${where}.description`),
    satisfiedBy: text(item.satisfiedBy, `${where}.satisfiedBy`),
  };
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/.test(signal.id)) throw new Error(`signals.yml: bad signal id ${signal.id}`);
  if (item.match !== undefined) signal.match = toMatch(item.match, `${signal.id}.match`);
  return signal;
}

function toMatch(raw: unknown, where: string): SignalMatch {
  const item = record(raw, where);
  const match: SignalMatch = {};
  for (const key of Object.keys(item)) {
    if (
      ![
        'dependencies',
        'manifests',
        'files',
        'filesExcept',
        'images',
        'imagesFrom',
        'charts',
        'kubernetes',
        'terraform',
        'structured',
        'ci',
      ].includes(key)
    )
      throw new Error(`signals.yml: ${where} has unknown key ${key}`);
  }
  if (item.dependencies !== undefined) {
    const dependencies = record(item.dependencies, `${where}.dependencies`);
    match.dependencies = {};
    for (const [ecosystem, names] of Object.entries(dependencies)) {
      if (!ECOSYSTEMS.includes(ecosystem as Ecosystem)) throw new Error(`signals.yml: ${where} unknown ecosystem ${ecosystem}`);
      match.dependencies[ecosystem as Ecosystem] = strings(names, `${where}.dependencies.${ecosystem}`);
    }
  }
  if (item.manifests !== undefined) {
    match.manifests = strings(item.manifests, `${where}.manifests`).map((ecosystem) => {
      if (!ECOSYSTEMS.includes(ecosystem as Ecosystem)) throw new Error(`signals.yml: ${where} unknown ecosystem ${ecosystem}`);
      return ecosystem as Ecosystem;
    });
  }
  if (item.files !== undefined) match.files = strings(item.files, `${where}.files`);
  if (item.filesExcept !== undefined) {
    if (match.files === undefined) throw new Error(`signals.yml: ${where} has filesExcept without files`);
    match.filesExcept = strings(item.filesExcept, `${where}.filesExcept`);
  }
  if (item.images !== undefined) match.images = strings(item.images, `${where}.images`);
  if (item.imagesFrom !== undefined) {
    match.imagesFrom = strings(item.imagesFrom, `${where}.imagesFrom`).map((source) => {
      if (!['dockerfile', 'compose', 'kubernetes', 'ci', 'helm'].includes(source))
        throw new Error(`signals.yml: ${where} unknown image source ${source}`);
      return source as NonNullable<SignalMatch['imagesFrom']>[number];
    });
  }
  if (item.charts !== undefined) match.charts = strings(item.charts, `${where}.charts`);
  if (item.kubernetes !== undefined)
    match.kubernetes = list(item.kubernetes, `${where}.kubernetes`).map((entry, index) =>
      toResourceMatcher(entry, `${where}.kubernetes[${index}]`),
    );
  if (item.terraform !== undefined)
    match.terraform = list(item.terraform, `${where}.terraform`).map((entry, index) =>
      toTerraformMatcher(entry, `${where}.terraform[${index}]`),
    );
  if (item.structured !== undefined)
    match.structured = list(item.structured, `${where}.structured`).map((entry, index) =>
      toStructuredMatcher(entry, `${where}.structured[${index}]`),
    );
  if (item.ci !== undefined) {
    const ci = record(item.ci, `${where}.ci`);
    match.ci = {};
    if (ci.commands !== undefined)
      match.ci.commands = strings(ci.commands, `${where}.ci.commands`).map((source) => checkedRegex(source, where));
    if (ci.actions !== undefined) match.ci.actions = strings(ci.actions, `${where}.ci.actions`);
  }
  return match;
}

function toResourceMatcher(raw: unknown, where: string): ResourceMatcher {
  const item = record(raw, where);
  const matcher: ResourceMatcher = { kind: text(item.kind, `${where}.kind`) };
  if (item.apiVersion !== undefined) matcher.apiVersion = text(item.apiVersion, `${where}.apiVersion`);
  if (item.where !== undefined) matcher.where = conditions(item.where, `${where}.where`);
  if (item.every !== undefined) matcher.every = item.every === true;
  if (matcher.every && !matcher.where) throw new Error(`signals.yml: ${where} has every without where`);
  return matcher;
}

function toTerraformMatcher(raw: unknown, where: string): TerraformMatcher {
  const item = record(raw, where);
  const matcher: TerraformMatcher = {};
  if (item.resource !== undefined) matcher.resource = text(item.resource, `${where}.resource`);
  if (item.provider !== undefined) matcher.provider = text(item.provider, `${where}.provider`);
  if ((matcher.resource === undefined) === (matcher.provider === undefined))
    throw new Error(`signals.yml: ${where} needs exactly one of resource, provider`);
  if (item.where !== undefined) matcher.where = conditions(item.where, `${where}.where`);
  if (item.every !== undefined) matcher.every = item.every === true;
  if (matcher.every && !matcher.where) throw new Error(`signals.yml: ${where} has every without where`);
  return matcher;
}

function toStructuredMatcher(raw: unknown, where: string): StructuredMatcher {
  const item = record(raw, where);
  return { file: text(item.file, `${where}.file`), where: conditions(item.where, `${where}.where`) };
}

/** `where: spec.tls` (exists), one condition object, or a list of them. */
function conditions(raw: unknown, where: string): Condition[] {
  if (typeof raw === 'string') return [{ path: raw, exists: true }];
  const items = Array.isArray(raw) ? raw : [raw];
  return items.map((entry, index) => {
    if (typeof entry === 'string') return { path: entry, exists: true };
    const item = record(entry, `${where}[${index}]`);
    const condition: Condition = { path: text(item.path, `${where}[${index}].path`) };
    for (const key of Object.keys(item)) {
      if (!['path', 'exists', 'equals', 'notEquals', 'matches', 'atLeast', 'minCount'].includes(key))
        throw new Error(`signals.yml: ${where} unknown condition ${key}`);
    }
    if (item.exists !== undefined) condition.exists = item.exists === true;
    if (item.equals !== undefined) condition.equals = item.equals as Condition['equals'];
    if (item.notEquals !== undefined) condition.notEquals = item.notEquals as Condition['notEquals'];
    if (item.matches !== undefined) condition.matches = checkedRegex(text(item.matches, `${where}.matches`), where);
    if (item.atLeast !== undefined) condition.atLeast = Number(item.atLeast);
    if (item.minCount !== undefined) condition.minCount = Number(item.minCount);
    if (Object.keys(item).length === 1) condition.exists = true;
    return condition;
  });
}

function toContext(raw: unknown, where: string): ContextDefinition {
  const item = record(raw, where);
  return {
    id: text(item.id, `${where}.id`),
    description: text(item.description, `${where}.description`),
    anyOf: strings(item.anyOf, `${where}.anyOf`),
    practices: strings(item.practices, `${where}.practices`),
  };
}

function checkedRegex(source: string, where: string): string {
  try {
    dataRegex(source);
  } catch {
    throw new Error(`signals.yml: ${where} has an invalid regular expression ${source}`);
  }
  return source;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`signals.yml: ${where} must be a map`);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`signals.yml: ${where} must be a list`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`signals.yml: ${where} must be a non-empty string`);
  return value;
}

function strings(value: unknown, where: string): string[] {
  return list(value, where).map((item, index) => {
    if (typeof item !== 'string' || item === '') throw new Error(`signals.yml: ${where}[${index}] must be a string`);
    return item;
  });
}
