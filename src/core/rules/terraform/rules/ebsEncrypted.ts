import type { TreeMap } from '../../../evidence/parsers/locatedTree';
import type { Range } from '../../../text';
import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, nestedBlock } from '../edits';
import { switchedOff, switchOnFix } from '../switchedOff';
import { boolValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/ebs-encrypted: an EBS volume, or an instance's root or data volume, not encrypted at rest — unless the
 * module turns on the account's default EBS encryption (`aws_ebs_encryption_by_default`), which encrypts
 * them all. An instance without a `root_block_device` block gets an unencrypted root volume then.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/ebs-encrypted',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_ebs_volume', 'aws_instance'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;
    const byDefault = module
      .resourcesOf('aws_ebs_encryption_by_default')
      .some(({ block }) => boolValue(module.value(block.body, 'enabled')) !== false);
    if (byDefault) return findings;
    const check = (address: string, body: TreeMap, headerOf: () => Range, what: string, fixable = true) => {
      const off = switchedOff(module, body, 'encrypted');
      if (!off) return;
      findings.push(
        context.finding(
          this.ruleId,
          off.written ? context.range(off.written.start, off.written.end) : headerOf(),
          `${address}: ${what} is not encrypted at rest.`,
          fixable ? switchOnFix(context, body, off, 'encrypted', 'Encrypt the volume (encrypted = true)') : undefined,
        ),
      );
    };
    for (const { block } of context.resources('aws_ebs_volume')) {
      if (module.written(block.body, 'snapshot_id')) continue;
      check(context.address(block), block.body, () => context.headerRange(block), 'the volume');
    }
    for (const { block } of context.resources('aws_instance')) {
      if (module.written(block.body, 'launch_template')) continue; // the template decides
      const root = nestedBlock(block.body, 'root_block_device');
      if (root) check(context.address(block), root, () => context.range(root.start, (root.start ?? 0) + 1), 'the root volume');
      else if (!hasDynamicBlock(block.body, 'root_block_device'))
        check(context.address(block), block.body, () => context.headerRange(block), 'the root volume (no root_block_device)', false);
      for (const entry of block.body.entries)
        if (entry.key === 'ebs_block_device' && entry.value.kind === 'map') {
          const device = entry.value;
          check(context.address(block), device, () => context.range(entry.keyStart, entry.keyEnd), 'an ebs_block_device');
        }
    }
    return findings;
  },
});
