import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/**
 * tf/module-source-pinned: a module from git without `?ref=` follows the default branch, and one from a
 * registry without `version` takes the newest release: the same configuration plans differently next week.
 * Local sources (`./modules/db`) are part of the repository and need no pin.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/module-source-pinned',
  anchors: (context) => blockAnchors(context, { blocks: ['module'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    for (const block of context.blocks('module')) {
      const written = module.written(block.body, 'source');
      const source = stringValue(module.value(block.body, 'source'));
      if (!written || source === undefined) continue;
      const kind = sourceKind(source);
      if (kind === 'git' && !/[?&]ref=/.test(source))
        findings.push(
          context.finding(
            this.ruleId,
            context.range(written.start, written.end),
            `Module "${block.labels[0] ?? ''}" follows the default branch of ${source}: add ?ref=<tag or commit>.`,
          ),
        );
      if (kind === 'registry' && !module.written(block.body, 'version'))
        findings.push(
          context.finding(
            this.ruleId,
            context.range(written.start, written.end),
            `Module "${block.labels[0] ?? ''}" takes the newest release of ${source}: add a version constraint.`,
          ),
        );
    }
    return findings;
  },
});

function sourceKind(source: string): 'local' | 'git' | 'registry' | 'other' {
  if (source.startsWith('./') || source.startsWith('../') || source.startsWith('/')) return 'local';
  if (
    source.startsWith('git::') ||
    source.startsWith('github.com/') ||
    source.startsWith('git@') ||
    source.startsWith('bitbucket.org/') ||
    /\.git(?:$|[/?])/.test(source)
  )
    return 'git';
  if (/^(?:[\w.-]+\/)?[\w-]+\/[\w-]+\/[\w-]+$/.test(source)) return 'registry';
  return 'other';
}
