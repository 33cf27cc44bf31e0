import type { Env } from 'dockerfile-ast';
import type { Range } from '../../../text';
import { defineRule } from '../../engine/ruleModule';
import { baseImages } from '../baseImages';
import { instructionText } from '../model';
import type { DockerfileModel } from '../model';
import { programArguments, programIndex, programName } from '../../../format/shell/shellCommands';
import type { ShellCommand } from '../../../format/shell/shellCommands';
import { fromAnchors } from '../anchorPlaces';
import { inConcern } from '../../engine/ruleAnchors';

/** Official images that are compilers and build tools, not runtimes. */
const TOOLCHAIN_IMAGES = new Set(['golang', 'maven', 'gradle', 'rust', 'gcc', 'buildpack-deps', 'sbt']);
/** Packages that are compilers and build tools. */
const TOOLCHAIN_PACKAGES = new Set([
  'build-essential',
  'gcc',
  'g++',
  'gcc-c++',
  'make',
  'cmake',
  'clang',
  'build-base',
  'golang',
  'golang-go',
  'maven',
  'gradle',
  'rustc',
  'cargo',
]);
const INSTALLERS = new Map([
  ['apt-get', 'install'],
  ['apt', 'install'],
  ['apk', 'add'],
  ['yum', 'install'],
  ['dnf', 'install'],
  ['microdnf', 'install'],
]);
const NPM_PRODUCTION_FLAGS = /^--(?:omit=dev|only=prod(?:uction)?|production)$/;

interface Evidence {
  what: string;
  range: Range;
}

/**
 * docker/single-stage-toolchain: a Dockerfile with one stage that compiles in
 * place (a toolchain base image, compilers installed, `go build`, `mvn
 * package`, `npm ci` with devDependencies…): compilers and sources ship to
 * production. Reported once, at the first evidence.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/single-stage-toolchain',
  anchors: (model) => (model.stages.length === 1 ? inConcern('tech-stack', fromAnchors(model)) : []),
  detect(model) {
    if (model.stages.length !== 1) return [];
    const evidence = toolchainBaseImage(model) ?? toolchainInRuns(model);
    if (!evidence) return [];
    return [
      {
        ruleId: this.ruleId,
        range: evidence.range,
        message: `Single-stage image with a build toolchain (${evidence.what}): compilers, dev dependencies and sources ship in the image.`,
      },
    ];
  },
});

function toolchainBaseImage(model: DockerfileModel): Evidence | undefined {
  const image = baseImages(model)[0];
  const reference = image?.resolved;
  if (!image || !reference) return undefined;
  const repository = reference.split('@')[0].replace(/:[^/:]*$/, '');
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  return TOOLCHAIN_IMAGES.has(name) ? { what: `base image ${reference}`, range: image.range } : undefined;
}

function toolchainInRuns(model: DockerfileModel): Evidence | undefined {
  let nodeEnvProduction = false;
  const stage = model.stages[0];
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() === 'ENV') {
      if (!instructionText(model, instruction).includes('NODE_ENV')) continue;
      for (const property of (instruction as Env).getProperties()) {
        if (property.getName() === 'NODE_ENV') nodeEnvProduction = property.getValue() === 'production';
      }
      continue;
    }
    const script = model.runs.find((run) => run.instruction === instruction);
    if (!script) continue;
    for (const command of script.commands) {
      const evidence = commandEvidence(model, command, nodeEnvProduction);
      if (evidence) return evidence;
    }
  }
  return undefined;
}

function commandEvidence(model: DockerfileModel, command: ShellCommand, nodeEnvProduction: boolean): Evidence | undefined {
  const name = programName(command);
  if (name === undefined) return undefined;
  const args = programArguments(command);
  const at = (start: number, end: number) => model.mapper.range(start, end);
  const values = args.map((word) => word.value);
  const installVerb = INSTALLERS.get(name);
  if (installVerb && values.includes(installVerb)) {
    const tool = args.find((word) => TOOLCHAIN_PACKAGES.has(word.value.split('=')[0]));
    return tool ? { what: `installs ${tool.value}`, range: at(tool.start, tool.end) } : undefined;
  }
  const program = command.words[programIndex(command.words)];
  const whole = (what: string): Evidence | undefined => (program ? { what, range: at(program.start, program.end) } : undefined);
  if (name === 'go' && values[0] === 'build') return whole('go build');
  if (name === 'cargo' && values[0] === 'build') return whole('cargo build');
  if (name === 'mvn' || name === 'mvnw') return whole(`${name} ${values.join(' ')}`.trim());
  if ((name === 'gradle' || name === 'gradlew') && values.some((value) => /^(?:build|assemble|jar|bootJar|installDist)$/.test(value)))
    return whole(`${name} ${values[0] ?? ''}`.trim());
  if (name === 'make' || name === 'cmake' || name === 'gcc' || name === 'g++') return whole(name);
  if (
    name === 'npm' &&
    !nodeEnvProduction &&
    (values[0] === 'ci' || (values[0] === 'install' && values.slice(1).every((value) => value.startsWith('-'))))
  ) {
    if (values.some((value) => NPM_PRODUCTION_FLAGS.test(value) || value === '-g' || value === '--global')) return undefined;
    return whole(`npm ${values[0]} with devDependencies`);
  }
  if (name === 'yarn' && !nodeEnvProduction && (values.length === 0 || values[0] === 'install') && !values.includes('--production')) {
    return whole('yarn install with devDependencies');
  }
  return undefined;
}
