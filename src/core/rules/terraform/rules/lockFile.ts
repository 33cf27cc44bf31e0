import { defineRule } from '../../engine/ruleModule';
import type { TerraformBlock } from '../../../format/terraform/terraformModule';
import type { RawFinding } from '../../types';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/lock-file: a root module (one with a backend or a provider block, that no other module of the workspace
 * calls, not an example or a test) without `.terraform.lock.hcl` beside it. `terraform init` writes that file
 * with the provider releases it chose and their checksums; uncommitted, every fresh checkout (CI, a colleague)
 * chooses again, and a version constraint only bounds the choice. Only the file's presence is read (its path in
 * the workspace facts); when the workspace's lock files are not known (a file judged alone) nothing is said.
 * No quick fix: the file is written by `terraform init`, then committed.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/lock-file',
  anchors: (context) => blockAnchors(context, { blocks: ['terraform'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest() || module.callers.length > 0) return findings;
    const backend = module.terraformBlocks.find(({ block }) =>
      block.body.entries.some((entry) => entry.key === 'backend' || entry.key === 'cloud'),
    );
    if (!backend && module.providers.length === 0) return findings;
    if (context.hasLockFile(module.folder) !== false) return findings;
    // Reported once per module, the same whichever of its files is analysed: on the terraform block that holds
    // the backend, else its first terraform block, else its first provider block (in path order).
    const at = backend ?? first(module.terraformBlocks) ?? first(module.providers);
    if (at?.file === context.file)
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(at.block),
          'No .terraform.lock.hcl beside this root module: every fresh terraform init picks provider releases anew. Run terraform init and commit the lock file.',
        ),
      );
    return findings;
  },
});

function first(entries: readonly TerraformBlock[]): TerraformBlock | undefined {
  return [...entries].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.block.start - b.block.start))[0];
}
