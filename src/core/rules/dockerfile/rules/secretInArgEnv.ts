import type { Arg, Env, Instruction, Property } from 'dockerfile-ast';
import type { RawFinding } from '../../types';
import { isHardCodedSecret, isSecretLikeName, mayContainSecretLikeName } from '../../secretLike';
import { instructionAnchor } from '../anchorPlaces';
import { defineRule } from '../../engine/ruleModule';
import { instructionText, toRange } from '../model';

/**
 * docker/secret-in-arg-env: `ENV DB_PASSWORD=s3cret` or `ARG API_TOKEN=…` with
 * a literal value. ENV values are stored in the image config, ARG values in its
 * build history, and both are committed with the Dockerfile. References
 * (`ENV TOKEN=$TOKEN`) and empty values are fine.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/secret-in-arg-env',
  // Every ENV and ARG declaring a secret-like name, whatever its value.
  anchors: (model) =>
    model.dockerfile
      .getInstructions()
      .filter(
        (instruction) =>
          (instruction.getKeyword() === 'ENV' || instruction.getKeyword() === 'ARG') &&
          mayContainSecretLikeName(instructionText(model, instruction)) &&
          declaredProperties(instruction).some((property) => isSecretLikeName(property.getName())),
      )
      .map((instruction) => instructionAnchor(instruction)),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const instruction of model.dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'ENV' && keyword !== 'ARG') || !mayContainSecretLikeName(instructionText(model, instruction))) continue;
      for (const property of declaredProperties(instruction)) {
        const name = property.getName();
        if (!isHardCodedSecret(name, property.getValue())) continue;
        findings.push({
          ruleId: this.ruleId,
          range: toRange(property.getRange()),
          message:
            keyword === 'ENV'
              ? `ENV ${name} holds a literal secret: it is stored in the image and readable with \`docker inspect\`.`
              : `ARG ${name} has a literal secret as default: it is recorded in the image history (\`docker history\`).`,
        });
      }
    }
    return findings;
  },
});

/** The names an ENV (every pair) or ARG (its one) declares. */
function declaredProperties(instruction: Instruction): Property[] {
  if (instruction.getKeyword() === 'ENV') return (instruction as Env).getProperties();
  const property = (instruction as Arg).getProperty();
  return property ? [property] : [];
}
