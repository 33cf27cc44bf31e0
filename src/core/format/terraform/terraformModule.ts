import type { HclBlock } from '../../evidence/parsers/hclTree';
import { hclFile } from '../../evidence/parsers/hclTree';
import type { TreeValue } from '../../evidence/parsers/locatedTree';
import { child } from '../../evidence/parsers/locatedTree';
import { posixBasename, posixDirname, posixResolve } from '../../fileSystem';
import { commonFolder, isAutoLoadedTfvars, isExampleOrTestPath, isTfvarsName } from './terraformFile';
import type { TerraformFile } from './terraformFile';

/** A top-level block and the file it is written in. */
export interface TerraformBlock {
  file: TerraformFile;
  block: HclBlock;
}

/**
 * A Terraform module: the `.tf` and `.tfvars` files of one folder, as
 * Terraform reads them together. It answers what a reviewer works out by eye —
 * a `var.*` from its default or the auto-loaded `.tfvars`, a `local.*`, a
 * literal `count`/`for_each`, where a local `module` source lies — and nothing
 * more: anything else is unknown (`undefined`), never guessed.
 */
export class TerraformModule {
  readonly resources: TerraformBlock[] = [];
  readonly dataSources: TerraformBlock[] = [];
  readonly moduleCalls: TerraformBlock[] = [];
  readonly variables = new Map<string, TerraformBlock>();
  readonly providers: TerraformBlock[] = [];
  readonly terraformBlocks: TerraformBlock[] = [];
  readonly outputs: TerraformBlock[] = [];
  private readonly locals = new Map<string, TreeValue>();
  /** Values from `terraform.tfvars` and `*.auto.tfvars` (Terraform loads them itself). */
  private readonly autoValues = new Map<string, TreeValue>();
  /** Variables that some `-var-file` (`prod.tfvars`) sets: their value depends on the file chosen. */
  private readonly perEnvironment = new Set<string>();
  /**
   * The `module` blocks of the workspace whose local `source` is this folder (see linkModuleCalls): a
   * variable of a called module is what its callers pass, not its default.
   */
  readonly callers: Array<{ module: TerraformModule; call: HclBlock }> = [];

  constructor(
    readonly folder: string,
    readonly files: readonly TerraformFile[],
  ) {
    for (const file of files) {
      const name = posixBasename(file.path);
      if (isTfvarsName(name)) {
        for (const entry of file.attributes) {
          if (isAutoLoadedTfvars(name)) this.autoValues.set(entry.key, entry.value);
          else this.perEnvironment.add(entry.key);
        }
        continue;
      }
      for (const block of file.blocks) this.add({ file, block });
    }
  }

  private add(entry: TerraformBlock): void {
    const { block } = entry;
    switch (block.type) {
      case 'resource':
        this.resources.push(entry);
        break;
      case 'data':
        this.dataSources.push(entry);
        break;
      case 'module':
        this.moduleCalls.push(entry);
        break;
      case 'variable':
        if (block.labels[0]) this.variables.set(block.labels[0], entry);
        break;
      case 'provider':
        this.providers.push(entry);
        break;
      case 'terraform':
        this.terraformBlocks.push(entry);
        break;
      case 'output':
        this.outputs.push(entry);
        break;
      case 'locals':
        for (const local of block.body.entries) this.locals.set(local.key, local.value);
        break;
    }
  }

  /** Resources of a type (or of any of several), skipping those a literal `count = 0` / empty `for_each` never creates. */
  resourcesOf(...types: string[]): TerraformBlock[] {
    return this.resources.filter((entry) => types.includes(entry.block.labels[0] ?? '') && this.instanceCount(entry.block) !== 0);
  }

  /**
   * How many instances a block makes: 1 without `count`/`for_each`, the literal (or resolved) count, the
   * size of a literal `for_each` collection; undefined when that depends on something unknown.
   */
  instanceCount(block: HclBlock): number | undefined {
    const count = child(block.body, 'count');
    if (count) {
      const value = this.resolve(count);
      return value?.kind === 'scalar' && typeof value.value === 'number' ? value.value : undefined;
    }
    const forEach = child(block.body, 'for_each');
    if (forEach) {
      const value = this.resolve(forEach);
      if (value?.kind === 'map') return value.entries.length;
      if (value?.kind === 'list') return value.items.length;
      return undefined;
    }
    return 1;
  }

  /** The value of a block attribute at `path` (nested blocks by key), resolved; undefined when absent or unknown. */
  value(body: TreeValue | undefined, ...path: string[]): TreeValue | undefined {
    let node = body;
    for (const key of path) node = child(node, key);
    return node ? this.resolve(node) : undefined;
  }

  /** The attribute as written (for ranges and fixes), resolved or not. */
  written(body: TreeValue | undefined, ...path: string[]): TreeValue | undefined {
    let node = body;
    for (const key of path) node = child(node, key);
    return node;
  }

  /**
   * A value with `var.x`, `local.x` and `"${var.x}"` replaced by what they hold, when that is known:
   * a variable set by a `-var-file` is unknown (which file is used is not written down), one without a
   * default or tfvars value is unknown, and any other expression stays unknown.
   */
  resolve(value: TreeValue, depth = 0): TreeValue | undefined {
    if (value.kind !== 'scalar' || !value.expression) return value;
    if (depth > 16 || typeof value.value !== 'string') return undefined;
    const reference = referenceOf(value.value);
    if (!reference) return undefined;
    if (reference.kind === 'var') {
      if (this.callers.length > 0) return this.passedByCallers(reference.name, depth);
      if (this.perEnvironment.has(reference.name)) return undefined;
      const set = this.autoValues.get(reference.name);
      if (set) return this.resolve(set, depth + 1);
      const declared = this.variables.get(reference.name);
      const fallback = declared ? child(declared.block.body, 'default') : undefined;
      return fallback ? this.resolve(fallback, depth + 1) : undefined;
    }
    const local = this.locals.get(reference.name);
    return local ? this.resolve(local, depth + 1) : undefined;
  }

  /**
   * A variable of a called module: the value every caller passes (or, where one passes nothing, the default),
   * when all agree and are known; one caller passing `true` and another `false` is unknown.
   */
  private passedByCallers(name: string, depth: number): TreeValue | undefined {
    let agreed: TreeValue | undefined;
    for (const { module, call } of this.callers) {
      const passed = child(call.body, name);
      const declared = this.variables.get(name);
      const fallback = declared ? child(declared.block.body, 'default') : undefined;
      const value = passed ? module.resolve(passed, depth + 1) : fallback ? this.resolveOwn(fallback, depth + 1) : undefined;
      if (!value || value.kind !== 'scalar') return undefined;
      if (agreed && (agreed.kind !== 'scalar' || agreed.value !== value.value)) return undefined;
      agreed = value;
    }
    return agreed;
  }

  /** `resolve` without the callers (a default written in terms of other variables is unknown). */
  private resolveOwn(value: TreeValue, depth: number): TreeValue | undefined {
    return value.kind === 'scalar' && value.expression ? undefined : this.resolve(value, depth);
  }

  /** The variable behind an attribute written as `var.x`, if any (for messages: "default of var.x"). */
  variableOf(value: TreeValue | undefined): TerraformBlock | undefined {
    if (!value || value.kind !== 'scalar' || !value.expression || typeof value.value !== 'string') return undefined;
    const reference = referenceOf(value.value);
    return reference?.kind === 'var' ? this.variables.get(reference.name) : undefined;
  }

  /** Where a `module` call's source lies, for a local path (`./modules/db`); undefined for registry, git and other sources. */
  localSourceFolder(call: HclBlock): string | undefined {
    const source = child(call.body, 'source');
    if (source?.kind !== 'scalar' || source.expression || typeof source.value !== 'string') return undefined;
    if (!source.value.startsWith('./') && !source.value.startsWith('../')) return undefined;
    return posixResolve(this.folder, source.value);
  }
}

/** `var.name`, `local.name`, or either alone in a template (`"${var.name}"`). */
function referenceOf(text: string): { kind: 'var' | 'local'; name: string } | undefined {
  let inner = text.trim();
  if (inner.startsWith('${') && inner.endsWith('}') && inner.indexOf('${', 2) < 0) inner = inner.slice(2, -1).trim();
  const dot = inner.indexOf('.');
  if (dot < 0) return undefined;
  const head = inner.slice(0, dot);
  const name = inner.slice(dot + 1);
  if ((head !== 'var' && head !== 'local') || !isIdentifier(name)) return undefined;
  return { kind: head, name };
}

function isIdentifier(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    const digitOrDash = (c >= 48 && c <= 57) || c === 45;
    if (!letter && !(i > 0 && digitOrDash)) return false;
  }
  return true;
}

/** The files of a workspace grouped into modules, one per folder. */
export function terraformModules(
  files: readonly TerraformFile[],
  root = commonFolder(files.map((file) => file.path)),
): Map<string, TerraformModule> {
  const byFolder = new Map<string, TerraformFile[]>();
  for (const file of files) {
    const folder = posixDirname(file.path);
    const list = byFolder.get(folder);
    if (list) list.push(file);
    else byFolder.set(folder, [file]);
  }
  const modules = new Map<string, TerraformModule>();
  for (const [folder, list] of byFolder) modules.set(folder, new TerraformModule(folder, list));
  linkModuleCalls(modules, root);
  return modules;
}

/** Records, on each module a local `source` points at, the module block that calls it. */
export function linkModuleCalls(modules: ReadonlyMap<string, TerraformModule>, root: string): void {
  for (const caller of modules.values()) {
    for (const { block } of caller.moduleCalls) {
      const folder = caller.localSourceFolder(block);
      // An example's inputs show one way to call the module, not how it runs for users.
      if (isExampleOrTestPath(`${caller.folder}/main.tf`, root)) continue;
      const called = folder !== undefined && folder !== caller.folder ? modules.get(folder) : undefined;
      if (called) called.callers.push({ module: caller, call: block });
    }
  }
}

/**
 * The HCL inside `jsonencode(…)` (an IAM policy written as an object), read as a value; undefined when the
 * text is something else. Offsets in the result are relative to `text`.
 */
export function jsonencodeArgument(text: string): TreeValue | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('jsonencode(') || !trimmed.endsWith(')')) return undefined;
  const inner = trimmed.slice('jsonencode('.length, -1);
  const parsed = hclFile(`v = ${inner}\n`).attributes[0];
  return parsed?.value;
}
