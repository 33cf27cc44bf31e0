import type { RawFinding } from '../../types';
import { parseImageReference } from '../../containerImage';
import { baseImages } from '../baseImages';
import { defineRule } from '../../engine/ruleModule';

/**
 * docker/base-image-floating-tag: a tag that names a release line rather than
 * a release: `node:alpine`, `node:lts`, `nginx:stable`, `debian:bookworm` (no
 * version at all) or `node:20-slim`, `python:3` (a major version only). Each
 * build can start from a different image, unlike `node:20.12.2-alpine`. Every
 * stage counts (a builder's compiler version changes the artefacts too);
 * digests, `latest` and untagged references are other rules' business.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/base-image-floating-tag',
  detect(model) {
    const findings: RawFinding[] = [];
    for (const image of baseImages(model)) {
      if (image.pinning !== 'tag' || image.resolved === undefined) continue;
      const tag = parseImageReference(image.resolved)?.tag;
      const kind = tag === undefined ? undefined : floatingKind(tag);
      if (!kind) continue;
      const shown = image.resolved !== image.written ? `"${image.written}" (= "${image.resolved}" by default)` : `"${image.written}"`;
      findings.push({
        ruleId: this.ruleId,
        range: image.range,
        message:
          kind === 'no-version'
            ? `Base image ${shown} names no version, only a release line: each build may start from a different release. Pin a full version, or the digest if the image publishes no version tags.`
            : `Base image ${shown} pins only a major version: each build may start from a different minor or patch release. Pin the full version.`,
      });
    }
    return findings;
  },
});

/** `alpine`, `lts-slim`, `bookworm` → no version; `20`, `20-alpine`, `3-slim` → major only; anything with a dotted version or a date → undefined. */
function floatingKind(tag: string): 'no-version' | 'major-only' | undefined {
  const parts = tag.toLowerCase().split('-');
  if (!/[0-9]/.test(tag)) return 'no-version';
  // A long number is a date or a build number (`20240227`), not a major version.
  if (/^v?[0-9]{1,4}$/.test(parts[0]) && !parts.slice(1).some((part) => /[0-9]/.test(part))) return 'major-only';
  return undefined;
}
