import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/ruleModule';
import { insertLinesBefore, runtimeInsertionPoint } from '../edits';
import { finalChainInstructions, toRange } from '../model';
import { instructionAnchor, keywordAnchors } from '../anchorPlaces';

export const KUBERNETES_HEALTH_NOTE =
  'This workspace deploys with Kubernetes, which ignores HEALTHCHECK: define readiness and liveness probes on the container in its manifest instead.';

/**
 * docker/healthcheck: the shipped image declares no HEALTHCHECK, so Docker
 * (and compose, Swarm, ECS) cannot tell a hung container from a healthy one.
 * `HEALTHCHECK NONE` is a deliberate choice and counts as declared. Quiet when
 * the workspace deploys with Kubernetes, which ignores HEALTHCHECK and uses
 * probes (the hover says so), and for pure base images (no CMD, ENTRYPOINT
 * or EXPOSE anywhere in the final stage's ancestry).
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/healthcheck',
  // Every HEALTHCHECK, and the final stage's last instruction while its chain has none (under Kubernetes, the note says why it stays quiet).
  anchors(model, facts) {
    const anchors = keywordAnchors(model, 'HEALTHCHECK');
    const finalStage = model.finalStage;
    if (finalStage && !finalChainInstructions(model).some((instruction) => instruction.getKeyword() === 'HEALTHCHECK')) {
      const last = finalStage.instructions[finalStage.instructions.length - 1] ?? finalStage.from;
      anchors.push(instructionAnchor(last, facts.deploysWithKubernetes ? KUBERNETES_HEALTH_NOTE : undefined));
    }
    return anchors;
  },
  detect(model, facts) {
    const finalStage = model.finalStage;
    if (!finalStage || facts.deploysWithKubernetes) return [];
    const chain = finalChainInstructions(model);
    const keywords = new Set(chain.map((instruction) => instruction.getKeyword()));
    if (keywords.has('HEALTHCHECK')) return [];
    if (!keywords.has('CMD') && !keywords.has('ENTRYPOINT') && !keywords.has('EXPOSE')) return [];
    const last = finalStage.instructions[finalStage.instructions.length - 1] ?? finalStage.from;
    const line = healthcheckTemplate(exposedPort(chain));
    return [
      {
        ruleId: this.ruleId,
        range: toRange(last.getInstructionRange()),
        message: 'The image declares no HEALTHCHECK: a hung or broken container still counts as running.',
        fix: {
          title: 'Insert a HEALTHCHECK template (adapt the URL and tool to the image)',
          edits: [insertLinesBefore(model, runtimeInsertionPoint(model), [line])],
        },
      },
    ];
  },
});

export function healthcheckTemplate(port: string): string {
  return `HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD curl -fsS http://localhost:${port}/health || exit 1`;
}

/** The first port the image EXPOSEs (`8080/tcp` → `8080`), 8080 when none is literal. */
function exposedPort(instructions: readonly Instruction[]): string {
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'EXPOSE') continue;
    for (const argument of instruction.getArguments()) {
      const port = /^([0-9]{1,5})(?:\/(?:tcp|udp))?$/i.exec(argument.getValue());
      if (port) return port[1];
    }
  }
  return '8080';
}
