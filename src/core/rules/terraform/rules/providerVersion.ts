import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { nestedBlock } from '../edits';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/provider-version: a provider in `required_providers` without a `version` constraint. `terraform init`
 * then takes the newest release, and a major version with breaking changes arrives on the next fresh
 * checkout (CI, a colleague's laptop) — unless `.terraform.lock.hcl` is committed, which pins what was chosen.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/provider-version',
  anchors: (context) => blockAnchors(context, { blocks: ['terraform'] }),
  detect(context) {
    const findings: RawFinding[] = [];
    for (const block of context.blocks('terraform')) {
      const required = nestedBlock(block.body, 'required_providers');
      if (!required) continue;
      for (const entry of required.entries) {
        const value = entry.value;
        // `aws = "~> 5.0"` (the old short form) is a version.
        if (value.kind === 'scalar') continue;
        if (value.kind !== 'map' || value.entries.some((item) => item.key === 'version')) continue;
        findings.push(
          context.finding(
            this.ruleId,
            context.range(entry.keyStart, entry.keyEnd),
            `Provider "${entry.key}" has no version constraint: terraform init takes whatever release is newest.`,
          ),
        );
      }
    }
    return findings;
  },
});
