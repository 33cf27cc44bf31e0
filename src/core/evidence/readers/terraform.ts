import { hclBlocks } from '../parsers/hclTree';
import type { Reader } from './reader';

/** Terraform `*.tf` files: their blocks, read by the tolerant HCL reader. */
export const terraformReader: Reader = {
  id: 'terraform',
  relevance: { basenameGlobs: ['*.tf'] },
  accepts: (_relative, basename) => basename.endsWith('.tf'),
  read(file, facts) {
    const blocks = hclBlocks(file.text);
    if (blocks.length > 0) facts.terraform.push({ path: file.path, blocks });
  },
};
