import type { TextEdit } from '../../text';
import type { RawFinding } from '../types';
import { anchoredEdits, insertAtPath, replaceValue } from '../yaml/yamlEdits';
import { keyRange, nodeRange, scalarString } from '../yaml/yamlSupport';
import type { KubernetesDetector } from './detector';
import { fixOf } from '../compose/fix';
import type { Container, ManifestFile } from './manifestModel';
import { describe, everyContainer } from './manifestModel';
import { mustCreateMap } from './mapCreation';
import { containerSecurityField, containerSecurityPair } from './securityContext';
import { workloadAnchors } from './anchorPlaces';

/**
 * A container-level securityContext boolean that must have a safe value.
 * Detection and fix are the same for each: point at the value when it is
 * wrong, at `securityContext:` when the field is missing, at the container
 * when there is no securityContext; the fix writes the safe value there
 * (as YAML source: a boolean, not the string "false").
 */
interface SafeSetting {
  ruleId: string;
  field: string;
  safe: 'true' | 'false';
  /** What goes wrong otherwise, for the message. */
  risk: string;
  /** Containers this setting does not apply to (e.g. escalation is moot while privileged). */
  skip?: (container: Container) => boolean;
}

export function containerSettingDetector(setting: SafeSetting): KubernetesDetector {
  return {
    ruleId: setting.ruleId,
    anchors: (manifests) => workloadAnchors(manifests, 'pod.securityContext', 'container.securityContext'),
    detect(manifests: ManifestFile): RawFinding[] {
      const findings: RawFinding[] = [];
      for (const workload of manifests.workloads) {
        for (const container of everyContainer(workload)) {
          if (setting.skip?.(container)) continue;
          const field = containerSecurityField(container, setting.field);
          const current = scalarString(field?.value);
          if (current === setting.safe) continue;
          const sectionPair = containerSecurityPair(container);
          const range =
            nodeRange(manifests.file, field?.value) ??
            (field && keyRange(manifests.file, field)) ??
            (sectionPair && keyRange(manifests.file, sectionPair)) ??
            nodeRange(manifests.file, container.anchorNode);
          if (!range) continue;
          findings.push({
            ruleId: setting.ruleId,
            range,
            message: `Container "${container.name ?? '?'}" of ${describe(workload.object)}: ${setting.field} is ${current === undefined ? 'not set' : current}, not ${setting.safe} — ${setting.risk}.`,
            fix: fixOf(`Set ${setting.field}: ${setting.safe}`, () => settingEdits(manifests, container, setting)),
          });
        }
      }
      return findings;
    },
  };
}

function settingEdits(manifests: ManifestFile, container: Container, setting: SafeSetting): TextEdit[] {
  const context = containerSecurityPair(container)?.value;
  if (containerSecurityField(container, setting.field)) return replaceValue(manifests.file, context, setting.field, setting.safe);
  const edits = insertAtPath(manifests.file, container.map, ['securityContext'], { [setting.field]: setting.safe });
  // Several settings' fixes create a missing securityContext: anchored, they overlap and fix-all writes it once.
  return mustCreateMap(container.map, 'securityContext') ? anchoredEdits(manifests.file, edits) : edits;
}

export function isPrivileged(container: Container): boolean {
  return scalarString(containerSecurityField(container, 'privileged')?.value) === 'true';
}
