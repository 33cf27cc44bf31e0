import type { Arg, Env, Property } from 'dockerfile-ast';
import type { RawFinding } from '../../types';
import { isHardCodedSecret, mayContainSecretLikeName } from '../../secretLike';
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
  detect(model) {
    const findings: RawFinding[] = [];
    for (const instruction of model.dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      if ((keyword !== 'ENV' && keyword !== 'ARG') || !mayContainSecretLikeName(instructionText(model, instruction))) continue;
      let properties: Property[] = [];
      if (keyword === 'ENV') properties = (instruction as Env).getProperties();
      else if (keyword === 'ARG') {
        const property = (instruction as Arg).getProperty();
        properties = property ? [property] : [];
      }
      for (const property of properties) {
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
