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
    /** The workspace's other modules (every folder but this file's), as the workspace last read them. */
    private readonly others: readonly TerraformModule[] = [],
  ) {
    this.positions = new PositionMapper(text);
  }

  /** This file's resources of the given types that are created (a literal `count = 0` is not). */
  resources(...types: string[]): TerraformBlock[] {
    return this.module.resourcesOf(...types).filter((entry) => entry.file === this.file);
  }

  /**
   * Every module of the workspace, this file's first: what a workspace-level rule (a budget, an alarm on a
   * database) searches. Only this module when the workspace is not known.
   */
  workspaceModules(): readonly TerraformModule[] {
    return [this.module, ...this.others];
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
