import type { TreeMap, TreeValue } from '../../evidence/parsers/locatedTree';
import { child } from '../../evidence/parsers/locatedTree';
import type { HclBlock } from '../../evidence/parsers/hclTree';
import { readShippedData } from '../../shippedData';
import type { RawFinding, RuleFix } from '../types';
import type { TerraformContext } from './context';
import { replaceValueFix, setAttributeFix } from './edits';
import { isOutdatedElbPolicy } from './tlsPolicies';

type Scalar = string | number | boolean;

/** One input of a registry module and the rule that decides it (data/terraform-registry-modules.yml). */
export interface RegistryInput {
  /** `multi_az`, or `listeners.*.ssl_policy` (`*`: every entry of a map or a list). */
  path: string;
  rule: string;
  bad: readonly Scalar[];
  /** A named test for values a list cannot hold (`outdated-elb-tls-policy`). */
  badWhen?: string;
  /** The module's default, when the same in every major version; undefined: an input left out is not judged. */
  default?: Scalar;
  /** The text the quick fix writes. */
  fix?: string;
  says: string;
}

export interface RegistryModule {
  source: string;
  creates: string;
  createInputs: readonly string[];
  skipIfWritten: readonly string[];
  inputs: readonly RegistryInput[];
}

const BAD_WHEN: Readonly<Record<string, (value: Scalar) => boolean>> = {
  'outdated-elb-tls-policy': (value) => typeof value === 'string' && isOutdatedElbPolicy(value),
};

let cached: readonly RegistryModule[] | undefined;

/** data/terraform-registry-modules.yml, read once and checked: a malformed row fails loudly, not silently. */
export function registryModules(): readonly RegistryModule[] {
  if (cached) return cached;
  const file = 'data/terraform-registry-modules.yml';
  const raw = readShippedData('terraform-registry-modules.yml') as { modules?: unknown };
  if (!Array.isArray(raw.modules)) throw new Error(`${file}: modules must be a list`);
  const strings = (value: unknown, where: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
      throw new Error(`${file}: ${where} must be a list of strings`);
    return value as string[];
  };
  cached = (raw.modules as Array<Record<string, unknown>>).map((entry, index) => {
    const where = `modules[${index}]`;
    if (typeof entry.source !== 'string' || typeof entry.creates !== 'string' || !Array.isArray(entry.inputs))
      throw new Error(`${file}: ${where} needs source, creates and inputs`);
    const inputs = (entry.inputs as Array<Record<string, unknown>>).map((input, at): RegistryInput => {
      const place = `${where}.inputs[${at}]`;
      if (typeof input.path !== 'string' || typeof input.rule !== 'string' || typeof input.says !== 'string')
        throw new Error(`${file}: ${place} needs path, rule and says`);
      if (input.badWhen !== undefined && (typeof input.badWhen !== 'string' || !Object.hasOwn(BAD_WHEN, input.badWhen)))
        throw new Error(`${file}: ${place}.badWhen must be one of ${Object.keys(BAD_WHEN).join(', ')}`);
      const bad = input.bad === undefined ? [] : input.bad;
      if (!Array.isArray(bad) || bad.some((value) => !isScalar(value))) throw new Error(`${file}: ${place}.bad must be a list of scalars`);
      if (bad.length === 0 && input.badWhen === undefined) throw new Error(`${file}: ${place} needs bad or badWhen`);
      if (input.default !== undefined && !isScalar(input.default)) throw new Error(`${file}: ${place}.default must be a scalar`);
      if (input.fix !== undefined && typeof input.fix !== 'string') throw new Error(`${file}: ${place}.fix must be a string`);
      return {
        path: input.path,
        rule: input.rule,
        bad: bad as Scalar[],
        badWhen: input.badWhen as string | undefined,
        default: input.default as Scalar | undefined,
        fix: input.fix as string | undefined,
        says: input.says,
      };
    });
    return {
      source: entry.source,
      creates: entry.creates,
      createInputs: strings(entry.createInputs, `${where}.createInputs`),
      skipIfWritten: strings(entry.skipIfWritten, `${where}.skipIfWritten`),
      inputs,
    };
  });
  return cached;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `registry.terraform.io/terraform-aws-modules/rds/aws` → `terraform-aws-modules/rds/aws`; a submodule (`//…`) is another module. */
export function registryAddress(source: string): string {
  const trimmed = source.trim();
  return trimmed.startsWith('registry.terraform.io/') ? trimmed.slice('registry.terraform.io/'.length) : trimmed;
}

/**
 * The findings of `ruleId` on this file's calls of well-known registry modules: each input the table gives
 * the rule, written with (or resolving to) a bad value, or left out where the module's default is bad. An
 * input whose value is unknown is not judged; a module switched off (`create_db_instance = false`, a literal
 * `count = 0`) or made a replica is not either.
 */
export function registryInputFindings(context: TerraformContext, ruleId: string): RawFinding[] {
  const { module } = context;
  const findings: RawFinding[] = [];
  const calls = context.blocks('module');
  if (calls.length === 0) return findings;
  for (const call of calls) {
    const source = child(call.body, 'source');
    if (source?.kind !== 'scalar' || source.expression || typeof source.value !== 'string') continue;
    const known = registryModules().find((entry) => entry.source === registryAddress(String(source.value)));
    if (!known || module.instanceCount(call) === 0) continue;
    if (known.createInputs.some((input) => scalarOf(module.value(call.body, input)) === false)) continue;
    if (known.skipIfWritten.some((input) => module.written(call.body, input) !== undefined)) continue;
    for (const input of known.inputs) {
      if (input.rule !== ruleId) continue;
      for (const place of placesOf(call.body, input.path.split('.'))) {
        const finding = judge(context, call, known, input, place);
        if (finding) findings.push(finding);
      }
    }
  }
  return findings;
}

/** Where an input path leads: the body it is written in, its key, the written value (if any) and its own name. */
interface Place {
  body: TreeMap;
  key: string;
  written: TreeValue | undefined;
  name: string;
  /** False when a `*` was crossed: a missing key there is the module's own default per entry, not judged. */
  direct: boolean;
}

function placesOf(body: TreeMap, path: readonly string[], prefix = '', direct = true): Place[] {
  const [head, ...rest] = path;
  if (rest.length === 0) return [{ body, key: head, written: child(body, head), name: `${prefix}${head}`, direct }];
  const next = child(body, head);
  if (!next) return [];
  if (rest[0] === '*') {
    const items =
      next.kind === 'map'
        ? next.entries.map((entry) => ({ value: entry.value, name: entry.key }))
        : next.kind === 'list'
          ? next.items.map((value, index) => ({ value, name: String(index) }))
          : [];
    return items.flatMap((item) =>
      item.value.kind === 'map' ? placesOf(item.value, rest.slice(1), `${prefix}${head}.${item.name}.`, false) : [],
    );
  }
  return next.kind === 'map' ? placesOf(next, rest, `${prefix}${head}.`, direct) : [];
}

function judge(
  context: TerraformContext,
  call: HclBlock,
  known: RegistryModule,
  input: RegistryInput,
  place: Place,
): RawFinding | undefined {
  const { module } = context;
  let value: Scalar | undefined;
  if (place.written) {
    value = scalarOf(module.resolve(place.written));
    if (value === undefined) return undefined; // unknown
  } else {
    if (!place.direct || input.default === undefined) return undefined;
    value = input.default;
  }
  const bad =
    input.bad.some((candidate) => String(candidate) === String(value)) || (input.badWhen !== undefined && BAD_WHEN[input.badWhen](value));
  if (!bad) return undefined;
  const state = place.written
    ? `${place.name} is ${JSON.stringify(value)}`
    : `${place.name} is not set: the module's default is ${JSON.stringify(value)}`;
  const fixable = input.fix !== undefined && !module.variableOf(place.written);
  const title = `Set ${place.key} = ${input.fix ?? ''}`;
  const fix = !fixable
    ? undefined
    : place.written
      ? replaceValueFix(context, place.written, input.fix ?? '', title)
      : place.body === call.body
        ? insertAfterSourceFix(context, call, `${place.key} = ${input.fix ?? ''}`, title)
        : setAttributeFix(context, place.body, place.key, input.fix ?? '', title);
  return context.finding(
    input.rule,
    context.valueRange(call, place.written),
    `module.${call.labels[0] ?? ''} (${known.source}, an ${known.creates}) ${input.says} (${state}).`,
    fix,
  );
}

/** A new input of a module call, on the line after its `version` (or `source`): where readers look for inputs. */
function insertAfterSourceFix(context: TerraformContext, call: HclBlock, line: string, title: string): RuleFix | undefined {
  const anchor = call.body.entries.find((entry) => entry.key === 'version') ?? call.body.entries.find((entry) => entry.key === 'source');
  if (anchor?.keyStart === undefined || anchor.value.end === undefined)
    return setAttributeFix(context, call.body, line.split(' = ')[0], line.split(' = ')[1], title);
  const text = context.text;
  const lineStart = text.lastIndexOf('\n', anchor.keyStart - 1) + 1;
  const indent = text.slice(lineStart, anchor.keyStart);
  const lineEnd = text.indexOf('\n', anchor.value.end);
  if (indent.trim() !== '' || lineEnd < 0) return undefined;
  const at = context.positions.position(lineEnd + 1);
  return { title, edits: [{ range: { start: at, end: at }, newText: `${indent}${line}\n` }] };
}

function scalarOf(value: TreeValue | undefined): Scalar | undefined {
  if (value?.kind !== 'scalar' || value.expression || value.value === null) return undefined;
  const raw = value.value;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw;
}
