import { isTerraformName, parseTerraformFile } from '../../format/terraform/terraformFile';
import type { Reader } from './reader';

/**
 * Terraform `*.tf` and `*.tfvars` files, parsed once (format/terraform): the same parse serves the evidence
 * matchers, which read each module's values resolved (terraformModule.ts), and the rules, which judge a file
 * as part of its module.
 */
export const terraformReader: Reader = {
  id: 'terraform',
  relevance: { basenameGlobs: ['*.tf', '*.tfvars'] },
  accepts: (_relative, basename) => isTerraformName(basename),
  read(file, facts) {
    const parsed = parseTerraformFile(file.path, file.text);
    if (parsed.blocks.length > 0 || parsed.attributes.length > 0) facts.terraform.push(parsed);
  },
};
