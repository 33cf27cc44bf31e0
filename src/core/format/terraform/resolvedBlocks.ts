import type { HclBlock } from '../../evidence/parsers/hclTree';
import type { TreeValue } from '../../evidence/parsers/locatedTree';
import type { TerraformFile } from './terraformFile';
import { terraformModules } from './terraformModule';
import type { TerraformModule } from './terraformModule';

/** A top-level block whose attribute values are resolved through its module (see TerraformModule.resolve). */
export interface ResolvedBlock {
  path: string;
  block: HclBlock;
}

/** Per list of files (one per scan scope); the length guards against a list read further after a first match. */
const cache = new WeakMap<readonly TerraformFile[], { length: number; blocks: ResolvedBlock[] }>();

/**
 * Every block of the workspace's Terraform files as its module sees it: `var.*` and `local.*` replaced by
 * what they hold when that is known (lines and offsets stay those of the expression written, so links point
 * at the block), and resources a literal `count = 0` never creates left out. The evidence matchers read
 * these, so "multi_az = var.ha" with `default = true` is a standby, as the rules judge it.
 */
export function resolvedTerraformBlocks(files: readonly TerraformFile[]): ResolvedBlock[] {
  const cached = cache.get(files);
  if (cached && cached.length === files.length) return cached.blocks;
  const blocks: ResolvedBlock[] = [];
  for (const module of terraformModules(files).values()) {
    for (const file of module.files) {
      for (const block of file.blocks) {
        if (block.type === 'resource' && module.instanceCount(block) === 0) continue;
        blocks.push({ path: file.path, block: { ...block, body: resolveTree(module, block.body, 0) as HclBlock['body'] } });
      }
    }
  }
  cache.set(files, { length: files.length, blocks });
  return blocks;
}

const MAX_DEPTH = 64;

function resolveTree(module: TerraformModule, value: TreeValue, depth: number): TreeValue {
  if (depth > MAX_DEPTH) return value;
  if (value.kind === 'map')
    return { ...value, entries: value.entries.map((entry) => ({ ...entry, value: resolveTree(module, entry.value, depth + 1) })) };
  if (value.kind === 'list') return { ...value, items: value.items.map((item) => resolveTree(module, item, depth + 1)) };
  if (!value.expression) return value;
  const resolved = module.resolve(value);
  if (!resolved || resolved === value) return value;
  return { ...resolved, line: value.line, start: value.start, end: value.end };
}
