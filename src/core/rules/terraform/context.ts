import { isExampleOrTestPath } from '../../format/terraform/terraformFile';
import { isNonProductionPath } from './values';
import type { HclBlock } from '../../evidence/parsers/hclTree';
import type { TreeValue } from '../../evidence/parsers/locatedTree';
import type { TerraformFile } from '../../format/terraform/terraformFile';
import type { TerraformBlock, TerraformModule } from '../../format/terraform/terraformModule';
import { PositionMapper } from '../../text';
import type { Range } from '../../text';
import type { RawFinding, RuleFix } from '../types';

/**
 * What a Terraform rule reads: the file being analysed (its own parse) and the
 * module it belongs to (its folder's other `.tf` and `.tfvars` files, when the
 * workspace is known), so `var.*` and `local.*` resolve as Terraform would.
 */
export class TerraformContext {
  readonly positions: PositionMapper;

  constructor(
    readonly text: string,
    readonly file: TerraformFile,
    readonly module: TerraformModule,
    /** The folder the file's path is judged from (see TerraformWorkspace.root). */
    readonly root: string,
    /** The workspace's modules by folder (this file's own folder as the workspace last read it), for workspace-wide checks. */
    private readonly workspace: ReadonlyMap<string, TerraformModule> = new Map(),
    /** Whether a folder holds a `.terraform.lock.hcl`: undefined when the workspace's lock files are not known. */
    readonly hasLockFile: (folder: string) => boolean | undefined = () => undefined,
  ) {
    this.positions = new PositionMapper(text);
  }

  /** This file's resources of the given types that are created (a literal `count = 0` is not). */
  resources(...types: string[]): TerraformBlock[] {
    return this.module.resourcesOf(...types).filter((entry) => entry.file === this.file);
  }

  /**
   * Every module of the workspace, this file's own as the editor holds it: what a workspace-wide check (is
   * there a CloudFront distribution, a CloudTrail trail anywhere?) reads. Examples and tests are left out.
   */
  workspaceModules(): TerraformModule[] {
    this.modules ??= [
      this.module,
      ...[...this.workspace.values()].filter(
        (other) => other.folder !== this.module.folder && !isExampleOrTestPath(`${other.folder}/main.tf`, this.root),
      ),
    ];
    return this.modules;
  }

  private modules: TerraformModule[] | undefined;

  /** Per workspace (the facts' module map) and question: each other module's answer, computed once per scan. */
  private static readonly answers = new WeakMap<object, Map<string, Map<TerraformModule, unknown>>>();

  /**
   * `compute` for every module of the workspaceModules() list, this file's own first. The other modules' answers
   * are kept for the whole scan under `key` (the facts do not change while a scan analyses its files, so a
   * workspace-wide question costs one pass, not one per file); this file's own module, maybe unsaved, is always
   * computed afresh.
   */
  acrossWorkspace<T>(key: string, compute: (module: TerraformModule) => T): Array<{ module: TerraformModule; value: T }> {
    let byKey = TerraformContext.answers.get(this.workspace);
    if (!byKey) TerraformContext.answers.set(this.workspace, (byKey = new Map()));
    let byModule = byKey.get(key);
    if (!byModule) byKey.set(key, (byModule = new Map()));
    const answers = byModule;
    return this.workspaceModules().map((module) => {
      if (module === this.module) return { module, value: compute(module) };
      if (!answers.has(module)) answers.set(module, compute(module));
      return { module, value: answers.get(module) as T };
    });
  }

  /**
   * The module's `provider "<name>"` block a module-level finding is reported on, the same whichever of its
   * files is analysed: the default (unaliased) configuration first, then the first in path order.
   */
  mainProvider(name: string): TerraformBlock | undefined {
    const candidates = this.module.providers.filter(({ block }) => block.labels[0] === name);
    const aliased = (entry: TerraformBlock) => (entry.block.body.entries.some((item) => item.key === 'alias') ? 1 : 0);
    return [...candidates].sort(
      (a, b) => aliased(a) - aliased(b) || (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.block.start - b.block.start),
    )[0];
  }

  /** An example or test configuration (below the root): not run for users. */
  isExampleOrTest(): boolean {
    return isExampleOrTestPath(this.file.path, this.root);
  }

  /** A dev, test, sandbox or example environment (below the root). */
  isNonProduction(): boolean {
    return isNonProductionPath(this.file.path, this.root);
  }

  /** This file's top-level blocks of a type (`provider`, `terraform`, `variable`, `module`). */
  blocks(type: string): HclBlock[] {
    return this.file.blocks.filter((block) => block.type === type);
  }

  range(start: number | undefined, end: number | undefined): Range {
    return this.positions.range(start ?? 0, end ?? start ?? 0);
  }

  /** The block's header: `resource "aws_db_instance" "main"` (type word to last label). */
  headerRange(block: HclBlock): Range {
    const last = block.labelRanges[block.labelRanges.length - 1];
    return this.range(block.start, last ? last[1] : block.start + block.type.length);
  }

  /** The range of a written attribute's value, or the block header when the attribute is not written. */
  valueRange(block: HclBlock, value: TreeValue | undefined): Range {
    return value?.start !== undefined ? this.range(value.start, value.end) : this.headerRange(block);
  }

  /** `aws_db_instance.main` */
  address(block: HclBlock): string {
    return block.labels.join('.');
  }

  finding(ruleId: string, range: Range, message: string, fix?: RuleFix): RawFinding {
    return fix ? { ruleId, range, message, fix } : { ruleId, range, message };
  }
}
