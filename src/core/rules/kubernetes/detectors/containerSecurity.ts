import type { TextEdit } from '../../../text';
import type { RawFinding } from '../../types';
import { anchoredEdits, insertAtPath, replaceValue } from '../../yaml/yamlEdits';
import { keyRange, nodeRange, scalarString } from '../../yaml/yamlSupport';
import type { KubernetesDetector } from '../detector';
import { fixOf } from '../../compose/fix';
import type { Container, ManifestFile } from '../manifestModel';
import { describe } from '../manifestModel';
import { mustCreateMap } from '../mapCreation';
import { containerSecurityField, containerSecurityPair } from '../securityContext';

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

function containerSettingDetector(setting: SafeSetting): KubernetesDetector {
  return {
    ruleId: setting.ruleId,
    detect(manifests: ManifestFile): RawFinding[] {
      const findings: RawFinding[] = [];
      for (const workload of manifests.workloads) {
        for (const container of [...workload.initContainers, ...workload.containers]) {
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
            fix: fixOf(`Set ${setting.field}: ${setting.safe}`, settingEdits(manifests, container, setting)),
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

function isPrivileged(container: Container): boolean {
  return scalarString(containerSecurityField(container, 'privileged')?.value) === 'true';
}

/** k8s/privileged-container: `privileged: true` gives the container every device and capability of the node. */
export const privilegedContainerDetector: KubernetesDetector = {
  ruleId: 'k8s/privileged-container',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const workload of manifests.workloads) {
      for (const container of [...workload.initContainers, ...workload.containers]) {
        const value = containerSecurityField(container, 'privileged')?.value;
        const range = nodeRange(manifests.file, value);
        if (!isPrivileged(container) || !range) continue;
        findings.push({
          ruleId: this.ruleId,
          range,
          message: `Container "${container.name ?? '?'}" of ${describe(workload.object)} is privileged: it has root access to the node's kernel and devices.`,
          fix: fixOf('Set privileged: false', replaceValue(manifests.file, containerSecurityPair(container)?.value, 'privileged', 'false')),
        });
      }
    }
    return findings;
  },
};

/**
 * k8s/privilege-escalation: `allowPrivilegeEscalation` defaults to true. Skipped
 * for privileged containers: there the privileged finding is the one to fix
 * (and the API server rejects `false` next to `privileged: true`).
 */
export const privilegeEscalationDetector = containerSettingDetector({
  ruleId: 'k8s/privilege-escalation',
  field: 'allowPrivilegeEscalation',
  safe: 'false',
  risk: 'setuid binaries in the image can gain more privileges than the process started with',
  skip: isPrivileged,
});

/** k8s/read-only-root-filesystem: a writable root lets an attacker drop tools and persist inside the container. */
export const readOnlyRootFilesystemDetector = containerSettingDetector({
  ruleId: 'k8s/read-only-root-filesystem',
  field: 'readOnlyRootFilesystem',
  safe: 'true',
  risk: 'an intruder can write tools and changes into the container (mount an emptyDir where the app must write)',
});
