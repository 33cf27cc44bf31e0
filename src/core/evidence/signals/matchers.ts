import { resolvedTerraformBlocks } from '../../format/terraform/resolvedBlocks';
import { memoizedByText } from '../../memoizedByText';
import { posixBasename } from '../../fileSystem';
import { parseImageReference } from '../../rules/containerImage';
import type { ResourceMatcher, SignalCatalog, SignalDefinition, SignalMatch, TerraformMatcher } from '../catalog/types';
import type { Ecosystem, EvidenceFacts, ResourceFact } from '../facts';
import type { TimeSlicer } from '../scan/cancellation';
import { compileFileGlob, fixedExtensions, hasWildcard } from '../scan/relevance';
import { fileLineOf, jobParts, jobsForScope, runsOnlyWhenCalled } from './ciScope';
import { lineOfOffset, runCommands } from '../../ci/commandWords';
import { dataRegex } from '../catalog/dataRegex';
import { compileWildcard } from '../../glob/linearGlob';
import { evaluateConditions } from './conditions';
import { fails, holds } from './observation';
import type { Observation } from './observation';

/**
 * Observations from a signal's declarative `match` (data/signals.yml), in steps: it pauses (yields) every
 * STEP facts it looked at, so the caller can give the event loop a turn (evaluateSignals): one signal over a
 * large service's facts (thousands of images, resources, CI jobs) is otherwise one long stretch of work.
 */
export function* matchSignalSteps(signal: SignalDefinition, facts: EvidenceFacts): Generator<void, Observation[]> {
  const match = signal.match;
  if (!match) return [];
  const observations: Observation[] = [];
  observations.push(...(yield* matchDependencies(signal.id, match, facts)));
  observations.push(...matchManifests(signal.id, match, facts));
  observations.push(...matchFiles(signal, facts));
  observations.push(...(yield* matchImages(signal.id, match, facts)));
  observations.push(...matchCharts(signal.id, match, facts));
  for (const matcher of match.kubernetes ?? []) observations.push(...(yield* matchResources(signal.id, matcher, facts)));
  for (const matcher of match.terraform ?? []) observations.push(...(yield* matchTerraform(signal.id, matcher, facts)));
  observations.push(...(yield* matchStructured(signal.id, match, facts)));
  observations.push(...(yield* matchCi(signal.id, match, facts)));
  return observations;
}

/**
 * Facts looked at between two pauses of matchSignalSteps (each pause costs only a look at the clock: the caller's
 * TimeSlicer gives the event loop a turn once its budget is spent). A fact may be tested against a hundred
 * patterns: 128 lockfile dependencies of a large service took over 60 ms between two pauses.
 */
const STEP = 16;

const globCache = new Map<string, { test(text: string): boolean }>();

/**
 * `*` as "any run of characters", everything else literal; case-insensitive (package names, kinds).
 * Matched by the bounded wildcard algorithm: `.*` joined into a regular expression backtracks
 * polynomially on a long package or resource name.
 */
export function globTester(glob: string): { test(text: string): boolean } {
  let compiled = globCache.get(glob);
  if (!compiled) {
    compiled = { test: compileWildcard(glob, { ignoreCase: true }) };
    globCache.set(glob, compiled);
  }
  return compiled;
}

function* matchDependencies(id: string, match: SignalMatch, facts: EvidenceFacts): Generator<void, Observation[]> {
  if (!match.dependencies) return [];
  const observations: Observation[] = [];
  let looked = 0;
  for (const dependency of facts.dependencies) {
    if (++looked % STEP === 0) yield;
    const patterns = match.dependencies[dependency.ecosystem as Ecosystem];
    if (patterns?.some((pattern) => globTester(pattern).test(dependency.name))) {
      observations.push(holds(id, dependency.at, `dependency ${dependency.name}`));
    }
  }
  return observations;
}

function matchManifests(id: string, match: SignalMatch, facts: EvidenceFacts): Observation[] {
  if (!match.manifests) return [];
  return facts.manifests
    .filter((manifest) => match.manifests!.includes(manifest.ecosystem))
    .map((manifest) => holds(id, { path: manifest.path }, posixBasename(manifest.path)));
}

interface IndexedFile {
  path: string;
  relative: string;
  basename: string;
}

interface FileGlob {
  signal: string;
  test: (relative: string, basename: string) => boolean;
}

/**
 * Every catalogue `files:` glob, indexed so that one pass over the relevant
 * files finds every signal's matches: plain names by name, globs with a fixed
 * extension by that extension, the rest tested on every file.
 */
interface FileGlobIndex {
  byName: Map<string, string[]>;
  byExtension: Map<string, FileGlob[]>;
  anyExtension: FileGlob[];
}

const globIndexes = new WeakMap<SignalCatalog, FileGlobIndex>();
const fileMatches = new WeakMap<EvidenceFacts, Map<string, IndexedFile[]>>();

function globIndex(catalog: SignalCatalog): FileGlobIndex {
  let index = globIndexes.get(catalog);
  if (!index) {
    index = { byName: new Map(), byExtension: new Map(), anyExtension: [] };
    for (const signal of catalog.signals) {
      for (const glob of signal.match?.files ?? []) {
        if (!glob.includes('/') && !hasWildcard(glob)) {
          index.byName.set(glob, [...(index.byName.get(glob) ?? []), signal.id]);
          continue;
        }
        const entry = { signal: signal.id, test: compileFileGlob(glob) };
        const extensions = fixedExtensions(glob);
        if (!extensions) index.anyExtension.push(entry);
        for (const extension of extensions ?? []) index.byExtension.set(extension, [...(index.byExtension.get(extension) ?? []), entry]);
      }
    }
    globIndexes.set(catalog, index);
  }
  return index;
}

/**
 * Files matching each signal's `files:` globs, in one pass over the facts'
 * files (a repository may keep thousands: every test file is relevant).
 * Async so the pass can give the event loop turns; `matchSignal` then reads
 * the result.
 */
export async function indexFileMatches(catalog: SignalCatalog, facts: EvidenceFacts, slicer: TimeSlicer): Promise<void> {
  if (fileMatches.has(facts)) return;
  const index = globIndex(catalog);
  const found = new Map<string, Set<IndexedFile>>();
  const add = (signal: string, file: IndexedFile) => {
    let set = found.get(signal);
    if (!set) found.set(signal, (set = new Set()));
    set.add(file);
  };
  for (const [path, relative] of facts.files) {
    const file = { path, relative, basename: posixBasename(path) };
    for (const signal of index.byName.get(file.basename) ?? []) add(signal, file);
    const dot = file.basename.lastIndexOf('.');
    const byExtension = dot >= 0 ? index.byExtension.get(file.basename.slice(dot + 1)) : undefined;
    for (const glob of byExtension ?? [])
      if (!found.get(glob.signal)?.has(file) && glob.test(file.relative, file.basename)) add(glob.signal, file);
    for (const glob of index.anyExtension)
      if (!found.get(glob.signal)?.has(file) && glob.test(file.relative, file.basename)) add(glob.signal, file);
    await slicer.maybeYield();
  }
  fileMatches.set(facts, new Map([...found].map(([signal, files]) => [signal, [...files]])));
}

function filesBySignal(facts: EvidenceFacts): Map<string, IndexedFile[]> {
  const matches = fileMatches.get(facts);
  if (!matches) throw new Error('indexFileMatches must run before matchSignal');
  return matches;
}

function matchFiles(signal: SignalDefinition, facts: EvidenceFacts): Observation[] {
  if (!signal.match?.files) return [];
  const except = signal.match.filesExcept ?? [];
  const excluded = new Set(facts.hits.filter((hit) => except.includes(hit.what)).map((hit) => hit.at.path));
  return (filesBySignal(facts).get(signal.id) ?? [])
    .filter((file) => !excluded.has(file.path))
    .map((file) => holds(signal.id, { path: file.path }, file.relative));
}

/** "kong" matches the image kong and library/kong; "fluent/fluent-bit" matches that repository on any registry. */
export function imageMatches(image: string, pattern: string): boolean {
  return repositoryMatches(repositoryOf(image), pattern);
}

/** imageMatches for an image parsed once (its repository, lower-cased) against each pattern. */
function repositoryMatches(repository: string | undefined, pattern: string): boolean {
  if (!repository) return false;
  const wanted = pattern.toLowerCase();
  if (wanted.includes('/')) return repository === wanted || repository.endsWith(`/${wanted}`);
  return repository === wanted || repository === `library/${wanted}`;
}

/**
 * The repository of each image reference, lowercased, parsed once: every signal with `images:` asks it of every
 * image of the service for each of its patterns (at 100k files, a tenth of a scan's CPU was these parses).
 * A pure function of the text, so the memo is shared by every scan; cleared when it grows past a bound.
 */
const repositoryOf = memoizedByText((image) => parseImageReference(image)?.repository.toLowerCase(), 16_384);

function* matchImages(id: string, match: SignalMatch, facts: EvidenceFacts): Generator<void, Observation[]> {
  const patterns = match.images;
  if (!patterns) return [];
  const sources = match.imagesFrom;
  const observations: Observation[] = [];
  let looked = 0;
  for (const image of facts.images) {
    if (++looked % STEP === 0) yield;
    if (sources && !sources.includes(image.source)) continue;
    // Parsed once, not once per pattern (a signal lists dozens of images) nor once per signal.
    const repository = repositoryOf(image.image);
    if (patterns.some((pattern) => repositoryMatches(repository, pattern))) observations.push(holds(id, image.at, `image ${image.image}`));
  }
  return observations;
}

function matchCharts(id: string, match: SignalMatch, facts: EvidenceFacts): Observation[] {
  if (!match.charts) return [];
  return facts.charts
    .filter((chart) => match.charts!.includes(chart.name))
    .map((chart) => holds(id, chart.at, `Helm chart dependency ${chart.name}`));
}

export function resourceMatches(
  resource: Pick<ResourceFact, 'apiVersion' | 'kind'>,
  matcher: Pick<ResourceMatcher, 'apiVersion' | 'kind'>,
): boolean {
  if (matcher.apiVersion !== undefined && !globTester(matcher.apiVersion).test(resource.apiVersion)) return false;
  return matcher.kind.includes('*') ? globTester(matcher.kind).test(resource.kind) : matcher.kind === resource.kind;
}

function describeResource(resource: ResourceFact): string {
  return `${resource.kind}${resource.name ? ` ${resource.name}` : ''}`;
}

function* matchResources(id: string, matcher: ResourceMatcher, facts: EvidenceFacts): Generator<void, Observation[]> {
  const observations: Observation[] = [];
  let looked = 0;
  for (const resource of facts.resources) {
    if (++looked % STEP === 0) yield;
    if (!resourceMatches(resource, matcher)) continue;
    const result = evaluateConditions(resource.root, matcher.where);
    const at = { path: resource.at.path, line: result.line ?? resource.at.line };
    const detail = matcher.where
      ? `${describeResource(resource)} (${matcher.where.map((condition) => condition.path).join(', ')})`
      : describeResource(resource);
    if (result.holds) observations.push(holds(id, at, detail));
    else if (matcher.every)
      observations.push(
        fails(id, resource.at, `${describeResource(resource)} lacks ${matcher.where!.map((condition) => condition.path).join(', ')}`),
      );
  }
  return observations;
}

function* matchTerraform(id: string, matcher: TerraformMatcher, facts: EvidenceFacts): Generator<void, Observation[]> {
  const observations: Observation[] = [];
  let looked = 0;
  const wantedType = matcher.resource ? 'resource' : 'provider';
  const pattern = globTester((matcher.resource ?? matcher.provider)!);
  // Values resolved through each block's module (var defaults, tfvars, locals), as the Terraform rules read them.
  for (const { path, block } of resolvedTerraformBlocks(facts.terraform)) {
    if (++looked % STEP === 0) yield;
    if (block.type !== wantedType || !block.labels[0] || !pattern.test(block.labels[0])) continue;
    const name = wantedType === 'resource' ? `${block.labels[0]}.${block.labels[1] ?? ''}` : `provider "${block.labels[0]}"`;
    const result = evaluateConditions(block.body, matcher.where);
    const at = { path, line: result.line ?? block.line };
    const detail = matcher.where ? `${name} (${matcher.where.map((condition) => condition.path).join(', ')})` : name;
    if (result.holds) observations.push(holds(id, at, detail));
    else if (matcher.every)
      observations.push(
        fails(id, { path, line: block.line }, `${name} lacks ${matcher.where!.map((condition) => condition.path).join(', ')}`),
      );
  }
  return observations;
}

function* matchStructured(id: string, match: SignalMatch, facts: EvidenceFacts): Generator<void, Observation[]> {
  if (!match.structured) return [];
  const observations: Observation[] = [];
  let looked = 0;
  for (const matcher of match.structured) {
    const fileTest = compileFileGlob(matcher.file);
    for (const document of facts.structured) {
      if (++looked % STEP === 0) yield;
      if (!fileTest(document.relative, posixBasename(document.path))) continue;
      const result = evaluateConditions(document.root, matcher.where);
      if (result.holds)
        observations.push(
          holds(
            id,
            { path: document.path, line: result.line },
            `${document.relative} (${matcher.where.map((condition) => condition.path).join(', ')})`,
          ),
        );
    }
  }
  return observations;
}

/**
 * CI commands and actions named by the catalogue. A command pattern is tested
 * on each command the script runs, as the shell tokenizer reads it (program
 * and arguments, quotes removed): `echo "run eslint"` lints nothing.
 */
function* matchCi(id: string, match: SignalMatch, facts: EvidenceFacts): Generator<void, Observation[]> {
  if (!match.ci) return [];
  const commands = (match.ci.commands ?? []).map(dataRegex);
  const actions = (match.ci.actions ?? []).map((prefix) => prefix.toLowerCase());
  const observations: Observation[] = [];
  let looked = 0;
  for (const { ci, job } of jobsForScope(facts)) {
    // Each job's scripts are tokenized: a pause every few jobs.
    if (++looked % (STEP / 8) === 0) yield;
    // A reusable workflow's jobs are read through the jobs that call it (which a monorepo service's folder is named in).
    if (runsOnlyWhenCalled(ci)) continue;
    for (const part of jobParts(facts, ci, job)) {
      for (const command of part.commands) {
        if (commands.length === 0) break;
        for (const run of runCommands(command.text)) {
          const line = run.words.join(' ');
          if (!commands.some((candidate) => candidate.test(line))) continue;
          observations.push(
            holds(
              id,
              { path: part.path, line: fileLineOf(command, lineOfOffset(command.text, run.offset)) },
              `CI job ${part.jobName} runs \`${shortened(line)}\``,
            ),
          );
          break;
        }
      }
      for (const action of part.actions) {
        if (actions.some((prefix) => action.uses.toLowerCase().startsWith(prefix)))
          observations.push(holds(id, { path: part.path, line: action.line }, `CI job ${part.jobName} uses ${action.uses}`));
      }
    }
  }
  return observations;
}

function shortened(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 80 ? `${trimmed.slice(0, 77)}…` : trimmed;
}
