import type { Arg, Env, Instruction } from 'dockerfile-ast';
import type { HoverAnchor, WorkspaceFacts } from '../types';
import { isSecretLikeName, mayContainSecretLikeName } from '../secretLike';
import { finalChainInstructions, instructionText, toRange } from './model';
import type { DockerfileModel } from './model';
import type { RunScript } from './runScripts';
import { pipeOperators, programName } from '../../format/shell/shellCommands';

export const KUBERNETES_HEALTH_NOTE =
  'This workspace deploys with Kubernetes, which ignores HEALTHCHECK: define readiness and liveness probes on the container in its manifest instead.';

/**
 * The places in a Dockerfile that a concern cares about, so a hover can explain
 * the stage's expectations there even when nothing is wrong. Lines no rule
 * looks at get no anchor.
 */
export function dockerfileAnchors(model: DockerfileModel, facts: WorkspaceFacts): HoverAnchor[] {
  const anchors: HoverAnchor[] = [];
  const add = (instruction: Instruction, concern: string, ruleIds: string[], note?: string) => {
    anchors.push({ range: toRange(instruction.getRange()), concern, ruleIds, ...(note ? { note } : {}) });
  };
  const singleStage = model.stages.length === 1;
  const finalChain = finalChainInstructions(model);
  const hasUser = finalChain.some((instruction) => instruction.getKeyword() === 'USER');

  for (const stage of model.stages) {
    add(stage.from, 'tech-stack', [
      'docker/base-image-tag',
      'docker/base-image-digest',
      ...(singleStage ? ['docker/single-stage-toolchain'] : []),
    ]);
    if (stage === model.finalStage && !hasUser) add(stage.from, 'security', ['docker/non-root-user']);
  }
  for (const instruction of model.dockerfile.getInstructions()) {
    switch (instruction.getKeyword()) {
      case 'USER':
        add(instruction, 'security', ['docker/non-root-user']);
        break;
      case 'HEALTHCHECK':
        add(instruction, 'fault-tolerance', ['docker/healthcheck']);
        break;
      case 'CMD':
      case 'ENTRYPOINT':
        add(instruction, 'fault-tolerance', ['docker/exec-form-cmd']);
        break;
      case 'ADD':
        add(instruction, 'tech-stack', ['docker/add-instead-of-copy']);
        break;
      case 'EXPOSE':
        add(instruction, 'inter-service-communication', []);
        break;
      case 'MAINTAINER':
        add(instruction, 'tech-stack', ['docker/maintainer']);
        break;
      case 'WORKDIR':
        add(instruction, 'testing-deployment', ['docker/relative-workdir']);
        break;
      case 'ENV':
      case 'ARG':
        if (mayContainSecretLikeName(instructionText(model, instruction)) && declaredNames(instruction).some(isSecretLikeName))
          add(instruction, 'security', ['docker/secret-in-arg-env']);
        break;
      default:
        break;
    }
  }
  for (const script of model.runs) anchors.push(...runAnchors(script));

  const finalStage = model.finalStage;
  if (finalStage && !finalChain.some((instruction) => instruction.getKeyword() === 'HEALTHCHECK')) {
    const last = finalStage.instructions[finalStage.instructions.length - 1] ?? finalStage.from;
    add(last, 'fault-tolerance', ['docker/healthcheck'], facts.deploysWithKubernetes ? KUBERNETES_HEALTH_NOTE : undefined);
  }
  return anchors;
}

function declaredNames(instruction: Instruction): string[] {
  if (instruction.getKeyword() === 'ENV') return (instruction as Env).getProperties().map((property) => property.getName());
  const property = (instruction as Arg).getProperty();
  return property ? [property.getName()] : [];
}

/** RUN anchors by what the script does: package installs, downloads, sudo, pipes. */
function runAnchors(script: RunScript): HoverAnchor[] {
  const range = toRange(script.instruction.getRange());
  const programs = new Set(script.commands.map(programName));
  const anchors: HoverAnchor[] = [];
  const packageRules = [
    ...(programs.has('apt-get') || programs.has('apt') ? ['docker/apt-no-install-recommends', 'docker/apt-lists-cleanup'] : []),
    ...(programs.has('apk') ? ['docker/apk-no-cache'] : []),
  ];
  if (packageRules.length > 0) anchors.push({ range, concern: 'cost-efficiency', ruleIds: packageRules });
  const securityRules = [
    ...([...programs].some((name) => name !== undefined && /^(?:curl|wget|pip[0-9.]*|python[0-9.]*)$/.test(name))
      ? ['docker/tls-verification-disabled']
      : []),
    ...(script.commands.some((command) => command.words[0]?.value === 'sudo') ? ['docker/sudo'] : []),
  ];
  if (securityRules.length > 0) anchors.push({ range, concern: 'security', ruleIds: securityRules });
  if (pipeOperators(script.tokens).length > 0) anchors.push({ range, concern: 'fault-tolerance', ruleIds: ['docker/pipefail'] });
  return anchors;
}
