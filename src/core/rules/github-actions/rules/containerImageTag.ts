import { isMap } from 'yaml';
import { throughAlias } from '../../yaml/aliasTargets';
import type { Node } from 'yaml';
import { imagePinning } from '../../containerImage';
import type { RawFinding } from '../../types';
import { getValue, mapEntries, scalarString } from '../../yaml/yamlSupport';
import { findingOn } from '../../ci/findings';
import type { Workflow } from '../workflow';
import { defineRule } from '../../engine/ruleModule';

/** The scalar naming the image in `container: node:20` or `container: { image: node:20 }` (services: the map form). */
function imageNode(value: unknown): Node | null | undefined {
  const node = throughAlias(value);
  return isMap(node) ? getValue(node, 'image') : (node as Node | null | undefined);
}

/**
 * gha/container-image-tag: a job's `container:` or one of its `services:` is
 * untagged or `:latest`. Images named by an expression (`${{ matrix.image }}`)
 * are unknown and skipped; a version tag without a digest is accepted here
 * (digests are the pinning rules' stricter business).
 */
export function detectUnpinnedContainerImages(workflow: Workflow): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const job of workflow.jobs) {
    const images = [imageNode(getValue(job.map, 'container'))];
    for (const [, service] of mapEntries(getValue(job.map, 'services'))) images.push(imageNode(service.value));
    for (const node of images) {
      const reference = scalarString(node)?.trim();
      if (!reference || reference.includes('${{')) continue;
      const pinning = imagePinning(reference);
      if (pinning !== 'untagged' && pinning !== 'latest') continue;
      const message =
        pinning === 'latest'
          ? `\`${reference}\` follows \`latest\`: the job runs whatever the registry serves that day.`
          : `\`${reference}\` has no tag, so it pulls \`latest\`: the job runs whatever the registry serves that day.`;
      findings.push(...findingOn(workflow.file, 'gha/container-image-tag', node, message));
    }
  }
  return findings;
}

export const rule = defineRule('github-actions', { ruleId: 'gha/container-image-tag', detect: detectUnpinnedContainerImages });
