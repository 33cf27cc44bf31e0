import type { RuleCatalog } from '../../rules/engine/ruleCatalog';
import type { FileAnalysis, HoverAnchor, RawFinding, RelatedPlace, RuleMeta } from '../../rules/types';
import { findingKey } from '../../rules/engine/analyzeFile';
import type { DeploymentModel, PlacedWorkload } from '../model/deploymentModel';
import type { RoleVerdict } from '../types';
import { isComposeSettingRule, SATISFIERS, workloadOf } from './satisfactions';
import { reportSharedDefaultsOnce } from './sharedDefaultsFindings';

/**
 * Judges one file's findings by the deployment as it really runs (the
 * workspace model): a finding whose rule does not apply to the unit's role
 * (a test image, a database), that another file of the deployment satisfies
 * (the compose overlay that sets the healthcheck, the HPA in another
 * manifest), or that lies in a kustomize patch (partial, judged with its
 * base) is dropped, and the hover says why at its place. Every finding kept
 * carries its role and the other places it was judged from.
 *
 * Pure and cheap (no parsing): run after each analysis, again whenever the
 * model changes. What it writes from the model is a finding's message and
 * steps, its role, its related places and the hover notes it adds: a rescan
 * after an edit that only moved lines keeps a judgement that names no moved
 * file in these (evidence/assessment/judgementReuse.ts).
 *
 * `hoverNotes: false`: an assessment shows no hovers, and the editor's scan keeps what it judged for the next rescan:
 * on the 100,000-file bench tree the notes of the quietened findings were about 29,000 strings, 12 MB of its heap.
 */
export function judgeAnalysis(
  path: string,
  analysis: FileAnalysis,
  model: DeploymentModel,
  catalog: RuleCatalog,
  { hoverNotes = true }: { hoverNotes?: boolean } = {},
): FileAnalysis {
  if (analysis.findings.length === 0) return analysis;
  const findings: RawFinding[] = [];
  const notes: HoverAnchor[] = [];
  const patch = analysis.kind === 'kubernetes' ? model.patchedBy(path) : undefined;
  const roles = new Map<string, RoleVerdict | undefined>();
  // The places a subject was judged from are the same for each of its findings: one list, shared (a Dockerfile's
  // findings each named every service that builds the image, a list of objects and strings per finding).
  const placesBySubject = new Map<string, RelatedPlace[]>();
  for (const finding of analysis.findings) {
    const rule = catalog.byId.get(finding.ruleId);
    // The reason is written only for a hover note (an assessment's judgement makes none).
    const quiet = (why: () => string) => {
      if (rule && hoverNotes)
        notes.push({ range: finding.range, concern: rule.concern, ruleIds: [rule.id], note: `Not reported — ${rule.title}: ${why()}.` });
    };
    if (patch) {
      quiet(() => `this file is a kustomize patch applied by ${model.describePlace(patch, path)}, judged with the resources it patches`);
      continue;
    }
    const subjectKey = JSON.stringify(finding.subject ?? null);
    if (!roles.has(subjectKey)) roles.set(subjectKey, roleOf(path, finding, model));
    const role = roles.get(subjectKey);
    const appliesTo = rule?.roles;
    if (role && appliesTo && !appliesTo.includes(role.role)) {
      quiet(() => `it applies to ${listed(appliesTo)} units, and this one is ${role.role}: ${role.reason}`);
      continue;
    }
    const baseDefinition = overlayBase(path, finding, model);
    if (baseDefinition) {
      quiet(
        () => `the service is defined in ${model.describePlace(baseDefinition, path)}, where it is reported if the merged project lacks it`,
      );
      continue;
    }
    const fragmentOf = composeFragmentBase(path, finding, model);
    if (fragmentOf) {
      quiet(
        () =>
          `"${finding.subject?.type === 'compose-service' ? finding.subject.service : ''}" has no image or build here, so this file only adds to the service defined at ${model.describePlace(fragmentOf, path)}, where it is reported`,
      );
      continue;
    }
    const satisfied = SATISFIERS[finding.ruleId]?.({ path, finding, model });
    const left = satisfied?.value !== undefined && rule ? stepsAskingMore(finding, rule, satisfied.value, satisfied.reason) : undefined;
    if (satisfied && !left) {
      quiet(() => satisfied.reason);
      continue;
    }
    const judged = left ?? finding;
    const serviceCopies = composeCopiesOf(path, finding, model, rule);
    if (serviceCopies.length > 1 && serviceCopies[0].path !== path) {
      quiet(
        () =>
          `the same service is copied in ${serviceCopies.length} compose files; it is reported once, at ${model.describePlace(serviceCopies[0], path)}`,
      );
      continue;
    }
    const fileCopies = dockerfileCopiesOf(path, finding, model, rule);
    if (fileCopies.length > 1 && fileCopies[0] !== path) {
      quiet(
        () =>
          `the same Dockerfile is generated in ${fileCopies.length} version folders; it is reported once, at ${model.describePlace({ path: fileCopies[0], line: finding.range.start.line }, path)}`,
      );
      continue;
    }
    const copies = dueCopiesOf(
      path,
      { finding, rule, catalog, key: `${finding.ruleId}\u0000${finding.message ?? ''}\u0000${subjectKey}` },
      model,
    );
    if (copies.length > 1 && copies[0].path !== path) {
      quiet(
        () =>
          `the same workload is copied in ${copies.length} files; it is reported once, at ${model.describePlace(placeOf(copies[0]), path)}`,
      );
      continue;
    }
    const configCopies = copies.length === 0 ? configCopiesOf(path, finding, model) : [];
    if (configCopies.length > 1 && configCopies[0].path !== path) {
      quiet(
        () =>
          `the same ${finding.subject?.type === 'workload' ? finding.subject.kind : 'object'} is copied in ${configCopies.length} files; it is reported once, at ${model.describePlace(configCopies[0], path)}`,
      );
      continue;
    }
    let places = placesBySubject.get(subjectKey);
    if (places === undefined) placesBySubject.set(subjectKey, (places = relatedPlaces(path, finding, model)));
    const copied = copies.length > 1 || configCopies.length > 1 || serviceCopies.length > 1 || fileCopies.length > 1;
    const related = !copied
      ? places
      : [
          ...places,
          ...copies.slice(1).map((copy) => relatedPlace(placeOf(copy), 'the same workload, copied here')),
          ...configCopies.slice(1).map((copy) => relatedPlace(copy, 'the same object, copied here')),
          ...serviceCopies.slice(1).map((copy) => relatedPlace(copy, 'the same service, copied here')),
          ...fileCopies.slice(1).map((copy) => ({
            path: copy,
            line: finding.range.start.line,
            message: 'the same Dockerfile line, in another version folder',
          })),
        ];
    const copyCount = Math.max(copies.length, configCopies.length, serviceCopies.length, fileCopies.length);
    const also = copyCount > 1 ? ` (also in ${copyCount - 1} other ${copyCount === 2 ? 'file' : 'files'})` : '';
    const message = also ? `${judged.message ?? rule?.title ?? ''}${also}` : judged.message;
    findings.push({
      ...judged,
      ...(message !== undefined ? { message } : {}),
      // A finding with a step per stage threshold shows the step's message: each says where the copies are.
      ...(also && judged.steps ? { steps: judged.steps.map((step) => ({ ...step, message: `${step.message}${also}` })) } : {}),
      ...(role ? { role } : {}),
      ...(related.length > 0 ? { related } : {}),
    });
  }
  const once = reportSharedDefaultsOnce(path, findings, (id) => catalog.byId.get(id));
  const anchors = hoverNotes ? [...analysis.anchors, ...notes, ...once.notes] : analysis.anchors;
  return { ...analysis, findings: once.findings, anchors };
}

/**
 * The version folders' copies of the Dockerfile with the same finding at the same line, among those that
 * keep it (see keptAt).
 */
function dockerfileCopiesOf(path: string, finding: RawFinding, model: DeploymentModel, rule: RuleMeta | undefined): string[] {
  if (finding.subject?.type !== 'image') return [];
  const copies = model.dockerfileCopiesWithFinding(path, `${findingKey(finding)}|${finding.range.start.line}`);
  const kept = copies.filter((copy) => copy === path || (model.sameService(copy, path) && keptAt(copy, finding, model, rule)));
  return kept.length > 1 ? kept : [];
}

/** The copies of the finding's compose service in files not loaded with this one that draw the same finding and keep it. */
function composeCopiesOf(
  path: string,
  finding: RawFinding,
  model: DeploymentModel,
  rule: RuleMeta | undefined,
): Array<{ path: string; line: number }> {
  if (finding.subject?.type !== 'compose-service' || finding.shared) return [];
  const copies = model.composeCopiesWithFinding(path, finding.subject.service, findingKey(finding));
  const kept = copies.filter(
    (copy) => copy.path === path || (model.sameService(copy.path, path) && keptAt(copy.path, finding, model, rule)),
  );
  return kept.length > 1 ? kept : [];
}

/**
 * True when the judge keeps the finding at a copy's file: its role there is one the rule applies to, and
 * nothing there answers it (an overlay, a fragment's base, a satisfier). A copy silenced for its own reason
 * (the same databases in a development file) is no place to report the others' finding.
 */
function keptAt(copy: string, finding: RawFinding, model: DeploymentModel, rule: RuleMeta | undefined): boolean {
  const role = roleOf(copy, finding, model);
  if (role && rule?.roles && !rule.roles.includes(role.role)) return false;
  if (overlayBase(copy, finding, model) || composeFragmentBase(copy, finding, model)) return false;
  return !SATISFIERS[finding.ruleId]?.({ path: copy, finding, model });
}

/**
 * The copies of the finding's workload in its service that draw the same finding, ranked (see
 * DeploymentModel.copiesWithFinding): the one at `path` and those that keep it where they lie (stillDue).
 */
function dueCopiesOf(path: string, asked: AskedAbout, model: DeploymentModel): readonly PlacedWorkload[] {
  const workload = workloadOf(path, asked.finding, model);
  const copies = workload ? model.copiesWithFinding(path, workload, findingKey(asked.finding)) : [];
  if (copies.length === 0) return copies;
  // Each copy's finding asks about every other copy: a workload copied in forty files would be judged forty times
  // over. Which copies keep it is found once per copies (an array of the model's) and finding.
  let byCopies = dueCopies.get(asked.catalog);
  if (!byCopies) dueCopies.set(asked.catalog, (byCopies = new WeakMap()));
  let byFinding = byCopies.get(copies);
  if (!byFinding) byCopies.set(copies, (byFinding = new Map()));
  let due = byFinding.get(asked.key);
  if (!due) {
    due = new Set(copies.filter((copy) => stillDue(copy, asked.finding, asked.rule, model)));
    byFinding.set(asked.key, due);
  }
  const kept = due;
  return copies.filter((copy) => copy.path === path || kept.has(copy));
}

/**
 * A finding as dueCopiesOf asks about it, with its memo key: what the judge and the satisfiers read of a finding
 * when they look at another copy (its rule, message and subject; see SatisfactionQuery).
 */
interface AskedAbout {
  finding: RawFinding;
  rule: RuleMeta | undefined;
  catalog: RuleCatalog;
  key: string;
}

/** dueCopiesOf's answers, per rule catalogue, copies (the model's array, so they go with the model) and finding. */
const dueCopies = new WeakMap<RuleCatalog, WeakMap<readonly PlacedWorkload[], Map<string, Set<PlacedWorkload>>>>();

/**
 * Whether another copy of the workload keeps the finding once judged where it lies: a copy whose role the rule
 * does not apply to (the database of a development overlay) or that its deployment satisfies there (a base whose
 * overlay sets the namespace) cannot be where a copy's finding is reported, or a true finding is lost with it.
 */
function stillDue(copy: PlacedWorkload, finding: RawFinding, rule: RuleMeta | undefined, model: DeploymentModel): boolean {
  const role = model.workloadRole(copy.path, copy.workload);
  if (rule?.roles && !rule.roles.includes(role.role)) return false;
  if (copy.path.length > 0 && model.patchedBy(copy.path)) return false;
  const satisfied = SATISFIERS[finding.ruleId]?.({ path: copy.path, finding, model });
  return !satisfied || satisfied.value !== undefined;
}

/** The copies of the finding's ConfigMap or Secret that draw the same finding (see DeploymentModel.configCopiesWithFinding). */
function configCopiesOf(path: string, finding: RawFinding, model: DeploymentModel): Array<{ path: string; line: number }> {
  const subject = finding.subject;
  if (subject?.type !== 'workload' || (subject.kind !== 'ConfigMap' && subject.kind !== 'Secret')) return [];
  const copies = model.configCopiesWithFinding(path, subject.kind, subject.name, subject.namespace, findingKey(finding));
  return copies.filter((copy) => copy.path === path || model.sameService(copy.path, path));
}

function placeOf(copy: PlacedWorkload): { path: string; line: number } {
  return { path: copy.path, line: copy.workload.line };
}

/** A copy's place as a related place (written out, not spread: kept by the thousand, see withFields.ts). */
function relatedPlace(place: { path: string; line: number }, message: string): RelatedPlace {
  return { path: place.path, line: place.line, message };
}

/**
 * A finding with steps (one per stage threshold), once the deployment provides
 * `value` elsewhere: only the steps asking more stay, saying what is provided
 * and without a fix (the number to raise is where the deployment sets it, not
 * here); undefined when no step asks more.
 */
function stepsAskingMore(finding: RawFinding, rule: RuleMeta, value: number, provided: string): RawFinding | undefined {
  const thresholdOf = (from: string) => rule.thresholds?.find((threshold) => threshold.from === from)?.value;
  const steps = (finding.steps ?? [])
    .filter((step) => (thresholdOf(step.from) ?? Number.POSITIVE_INFINITY) > value)
    .map((step) => ({ from: step.from, message: `${step.message} As deployed, ${provided}.` }));
  if (steps.length === 0) return undefined;
  const { fix: _fix, ...rest } = finding;
  return { ...rest, message: steps[0].message, steps };
}

/** `service, worker and stateful`. */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function roleOf(path: string, finding: RawFinding, model: DeploymentModel): RoleVerdict | undefined {
  const subject = finding.subject;
  if (!subject) return undefined;
  // What a development or test overlay writes (a debugger port in compose.override.yaml) is judged as that
  // file's role, even when the service itself is defined in compose.yaml and so is not dev-only.
  if (subject.type === 'compose-service') return model.composeFileRole(path) ?? model.composeRole(path, subject.service);
  if (subject.type === 'image') return model.dockerfileRole(path);
  const workload = workloadOf(path, finding, model);
  return workload ? model.workloadRole(path, workload) : undefined;
}

/**
 * For a missing-setting compose finding in an overlay: the definition of the
 * service in an earlier file of a project that loads this one (the fix
 * belongs there, and that file reports it when the merge lacks the setting).
 */
function overlayBase(path: string, finding: RawFinding, model: DeploymentModel) {
  if (finding.subject?.type !== 'compose-service' || !isComposeSettingRule(finding.ruleId)) return undefined;
  for (const { definitions } of model.composeService(path, finding.subject.service)) {
    const first = definitions[0];
    if (first && first.path !== path) return { path: first.path, line: first.digest.line };
  }
  return undefined;
}

/** For a missing-setting compose finding on a fragment of a service (no image, no build): the file that defines it runnable. */
function composeFragmentBase(path: string, finding: RawFinding, model: DeploymentModel) {
  if (finding.subject?.type !== 'compose-service' || !isComposeSettingRule(finding.ruleId)) return undefined;
  return model.composeFragmentBase(path, finding.subject.service);
}

/** The other files a finding was judged from: the service's other definitions, or who builds the image. */
function relatedPlaces(path: string, finding: RawFinding, model: DeploymentModel): RelatedPlace[] {
  const subject = finding.subject;
  if (subject?.type === 'compose-service') {
    const places: RelatedPlace[] = [];
    for (const { project, definitions } of model.composeService(path, subject.service)) {
      for (const definition of definitions) {
        if (definition.path === path || places.some((place) => place.path === definition.path)) continue;
        places.push({
          path: definition.path,
          line: definition.digest.line,
          message: `also defines "${subject.service}" (${project.reason})`,
        });
      }
    }
    return places;
  }
  if (subject?.type === 'image') {
    return model.imageConsumers(path).map((consumer) => ({
      path: consumer.place.path,
      line: consumer.place.line,
      message: consumer.service
        ? `compose service "${consumer.service.name}" builds it${consumer.stage?.name ? ` (target ${consumer.stage.name})` : ''}`
        : consumer.workload
          ? `${consumer.workload.workload.kind} "${consumer.workload.workload.name ?? '?'}" runs the image it builds (${consumer.workload.image})`
          : consumer.chart
            ? `Helm chart "${consumer.chart.name}" deploys the image it builds (${consumer.chart.image})`
            : `built here${consumer.stage?.name ? ` (target ${consumer.stage.name})` : ''}`,
    }));
  }
  return [];
}
