import { posixBasename, posixDirname } from '../../fileSystem';
import type { RuleCatalog } from '../../rules/engine/ruleCatalog';
import { emptySuppressions } from '../../rules/engine/suppressions';
import type { FileAnalysis, FindingStep, HoverAnchor, RawFinding, RelatedPlace } from '../../rules/types';
import type { HelmChartUse } from '../model/deploymentModel';
import type { DeploymentModel } from '../model/deploymentModel';
import { roleFromImage } from '../model/roles';
import type { HelmValueSetting, HelmValuesDigest, RoleVerdict } from '../types';

/** The chart's default values: the file `helm install` always reads, where a chart's defaults (and their fixes) belong. */
const DEFAULT_VALUES = new Set(['values.yaml', 'values.yml']);
/** Values files a production release passes with `-f`: what they set is what runs there. */
const PRODUCTION_VALUES = new Set(['values-prod.yaml', 'values-prod.yml', 'values-production.yaml', 'values-production.yml']);
const PROBE_RULES: Record<string, string> = { livenessProbe: 'k8s/liveness-probe', readinessProbe: 'k8s/readiness-probe' };

/**
 * The findings of a Helm chart's `values.yaml`, with the rule ids and stage severities of manifests, only for the
 * values its templates (unparsed) really use: a `resources` or probe block they write out whole
 * (`toYaml .Values.resources`) that is empty or incomplete, a `replicaCount` they read below the stage's
 * threshold. A chart's templates usually write probes themselves, with values only tuning them: a probe is judged
 * only when the templates take it whole from the values and write no probe handler (`httpGet:`…) of their own. Undefined when the file is no chart's default values (or its chart is a library).
 *
 * Made from digests (the values file's and the templates'), so the CLI scan and the editor make the same.
 */
export function helmValuesAnalysis(values: HelmValuesDigest, model: DeploymentModel, catalog: RuleCatalog): FileAnalysis | undefined {
  if (!DEFAULT_VALUES.has(posixBasename(values.path)) || !values.settings) return undefined;
  const use = model.helmChart(values.path);
  if (!use || use.chart.library) return undefined;
  const findings: RawFinding[] = [];
  const notes: HoverAnchor[] = [];
  const add = (ruleId: string, setting: HelmValueSetting, message: string, extra: Partial<RawFinding> = {}) => {
    const rule = catalog.byId.get(ruleId);
    if (!rule) return;
    const role = valueRole(use, values, setting.path);
    if (rule.roles && !rule.roles.includes(role.role)) {
      notes.push(
        note(
          setting,
          rule.concern,
          ruleId,
          `${rule.title}: it applies to ${rule.roles.join(', ')} units, and this chart is ${role.role}: ${role.reason}`,
        ),
      );
      return;
    }
    findings.push({ ruleId, range: setting.range, message, role, related: [chartPlace(use)], ...extra });
  };
  for (const setting of values.settings) {
    const value = setting.value;
    const key = lastKey(setting.path);
    if (value.kind === 'resources' && use.wholeBlocks.has(setting.path)) {
      if (value.missingRequests.length > 0) {
        const what = value.empty ? `\`${setting.path}\` is empty` : `\`${setting.path}\` requests no ${value.missingRequests.join(' or ')}`;
        add(
          'k8s/resource-requests',
          setting,
          `${what}, and the chart's templates write it out as the containers' resources: the scheduler places them blind and autoscaling cannot measure them.`,
        );
      } else if (!value.memoryLimit) {
        add(
          'k8s/memory-limit',
          setting,
          `\`${setting.path}\` sets no limits.memory, and the chart's templates write it out as the containers' resources: a leak grows until the node runs out of memory and evicts its neighbours.`,
        );
      }
    } else if (value.kind === 'probe' && !value.set && PROBE_RULES[key] && use.wholeBlocks.has(setting.path) && !use.writesProbeHandler) {
      // A template that writes a handler itself may merge these values into its own probe (`httpGet:` then `toYaml .`).
      add(
        PROBE_RULES[key],
        setting,
        `\`${setting.path}\` is empty, and the chart's templates take the whole probe from it: the containers run without a ${key === 'livenessProbe' ? 'liveness' : 'readiness'} probe.`,
      );
    } else if (value.kind === 'replicaCount' && use.references.has(setting.path)) {
      const replicas = replicasFinding(setting, value.count, values, use, catalog);
      if (!('steps' in replicas)) {
        const rule = catalog.byId.get('k8s/replicas');
        if (rule && replicas.note) notes.push(note(setting, rule.concern, rule.id, `${rule.title}: ${replicas.note}`));
      } else
        add('k8s/replicas', setting, replicas.steps[0].message, { steps: replicas.steps, related: [chartPlace(use), ...replicas.related] });
    }
  }
  if (findings.length === 0 && notes.length === 0) return undefined;
  return { kind: 'kubernetes', findings, anchors: notes, parseProblems: [], suppressions: emptySuppressions() };
}

/**
 * `replicaCount` below the stage's threshold, for a chart that does not scale itself: none when the autoscaler
 * switch beside it is on (in the default values or a production values file), and a production values file's
 * `replicaCount` counts (it is what runs there).
 */
function replicasFinding(
  setting: HelmValueSetting,
  count: number,
  values: HelmValuesDigest,
  use: HelmChartUse,
  catalog: RuleCatalog,
): { steps: FindingStep[]; related: RelatedPlace[] } | { note?: string } {
  const prefix = setting.path.slice(0, setting.path.length - 'replicaCount'.length);
  const production = [...use.valuesFiles.values()].filter((file) => PRODUCTION_VALUES.has(posixBasename(file.path)));
  for (const file of [values, ...production]) {
    const autoscaler = file.settings?.find(
      (each) => (each.path === `${prefix}autoscaling.enabled` || each.path === `${prefix}hpa.enabled`) && each.value.kind === 'switch',
    );
    if (autoscaler?.value.kind === 'switch' && autoscaler.value.enabled)
      return {
        note: `\`${autoscaler.path}: true\` in ${posixBasename(file.path)} scales the chart with an autoscaler, which owns the count`,
      };
  }
  // An autoscaler the templates write with no switch we read (or behind another condition): it may own the count.
  const switched = values.settings?.some((each) => each.path === `${prefix}autoscaling.enabled` || each.path === `${prefix}hpa.enabled`);
  const autoscaler = use.templates.find((template) => template.autoscaler);
  if (autoscaler && !switched) return { note: `${posixBasename(autoscaler.path)} writes an autoscaler, which may own the count` };
  let effective = count;
  const related: RelatedPlace[] = [];
  for (const file of production) {
    const override = file.settings?.find((each) => each.path === setting.path);
    if (override?.value.kind !== 'replicaCount') continue;
    effective = Math.max(effective, override.value.count);
    related.push({
      path: file.path,
      line: override.range.start.line,
      message: `${posixBasename(file.path)} sets ${setting.path}: ${override.value.count}`,
    });
  }
  const thresholds = catalog.byId.get('k8s/replicas')?.thresholds ?? [];
  const short = thresholds.filter((threshold) => effective < threshold.value);
  if (short.length === 0)
    return related.length > 0 ? { note: `${related.map((place) => place.message).join(', ')}, as many as production asks` } : {};
  const runs =
    related.length > 0
      ? `\`${setting.path}: ${count}\` here and ${related.map((place) => place.message).join(', ')}`
      : `\`${setting.path}: ${count}\``;
  const fewer =
    effective <= 1 ? 'a single pod is a single point of failure' : 'a rollout or node drain leaves one pod to carry all traffic';
  const steps = short.map((threshold, index) => {
    const next = short[index + 1];
    return {
      from: threshold.from,
      message: `The chart runs ${effective} replica${effective === 1 ? '' : 's'} (${runs}, read by its templates) and no autoscaler: ${fewer}. At least ${threshold.value} from ${threshold.from} on${next ? ` (${next.value} from ${next.from} on)` : ''}.`,
    };
  });
  return { steps, related };
}

/**
 * The role of what a value configures: stateful when every template that reads it writes a StatefulSet (an umbrella
 * chart's `replicaCount` may scale its services while its database runs as a StatefulSet), or when the chart's name
 * or an image of its values is a database, cache or broker; else a service.
 */
function valueRole(use: HelmChartUse, values: HelmValuesDigest, path: string): RoleVerdict {
  const readers = use.templates.filter((template) => template.references.includes(path));
  if (readers.length > 0 && readers.every((template) => template.statefulSet))
    return { role: 'stateful', reason: `the templates that read ${path} write a StatefulSet` };
  const name = use.chart.name ?? posixBasename(posixDirname(use.chart.path));
  const byName = roleFromImage(name);
  if (byName?.role === 'stateful') return { role: 'stateful', reason: `chart "${name}" is a database, cache or broker` };
  for (const { image } of values.images) {
    const byImage = roleFromImage(image);
    if (byImage?.role === 'stateful') return byImage;
  }
  return { role: 'service', reason: `chart "${name}" deploys a long-running workload` };
}

function chartPlace(use: HelmChartUse): RelatedPlace {
  return {
    path: use.chart.path,
    line: 0,
    message: `the chart${use.chart.name ? ` "${use.chart.name}"` : ''} whose templates read these values`,
  };
}

function note(setting: HelmValueSetting, concern: string, ruleId: string, text: string): HoverAnchor {
  return { range: setting.range, concern, ruleIds: [ruleId], note: `Not reported — ${text}.` };
}

function lastKey(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
