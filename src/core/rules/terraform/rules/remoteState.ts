import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { boolValue, stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/remote-state: a root module (one that configures a provider) keeps its state on the laptop that ran
 * `terraform apply` (no backend, or `backend "local"`), or in S3 without a lock (no `use_lockfile`, no
 * `dynamodb_table`): two applies at once corrupt it, and a lost laptop loses what Terraform manages.
 * An empty `backend "s3" {}` is configured at init (`-backend-config`): its lock is not known here.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/remote-state',
  anchors: (context) => blockAnchors(context, { blocks: ['terraform'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    if (module.providers.length === 0) return findings;
    const backends = module.terraformBlocks.flatMap(({ block }) =>
      block.body.entries.filter((entry) => entry.key === 'backend' || entry.key === 'cloud'),
    );
    const own = context.blocks('terraform');
    if (backends.length === 0) {
      // Reported once per module: on its first `terraform` block, in the file that holds it.
      const first = module.terraformBlocks[0] ?? module.providers[0];
      if (first.file === context.file)
        findings.push(
          context.finding(
            this.ruleId,
            context.headerRange(first.block),
            'No backend: the state stays on the machine that ran terraform apply.',
          ),
        );
      return findings;
    }
    for (const block of own) {
      for (const entry of block.body.entries) {
        if (entry.key !== 'backend' || entry.value.kind !== 'map') continue;
        const type = entry.value.labels?.[0];
        const range = context.range(entry.keyStart, entry.keyEnd);
        if (type === 'local')
          findings.push(context.finding(this.ruleId, range, 'backend "local" keeps the state on the machine that ran terraform apply.'));
        if (type === 's3' && entry.value.entries.length > 0) {
          const locked =
            boolValue(module.value(entry.value, 'use_lockfile')) === true ||
            stringValue(module.value(entry.value, 'dynamodb_table')) !== undefined ||
            module.written(entry.value, 'dynamodb_table') !== undefined;
          if (!locked)
            findings.push(
              context.finding(
                this.ruleId,
                range,
                'The S3 backend has no lock (use_lockfile = true or dynamodb_table): two applies at once can corrupt the state.',
              ),
            );
        }
      }
    }
    return findings;
  },
});
