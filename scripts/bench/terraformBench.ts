import { hclFile } from '../../src/core/evidence/parsers/hclTree';
import { parseTerraformFile } from '../../src/core/format/terraform/terraformFile';
import { analyzeFile } from '../../src/core/rules/engine/analyzeFile';
import type { WorkspaceFacts } from '../../src/core/rules/types';
import { Random } from './workspace/random';
import { TERRAFORM_SHAPE, terraformWorkspaceFiles } from './workspace/terraformFiles';
import { median, time } from './timing';

/**
 * The Terraform bench (issue 16): the Terraform-heavy variant of the generated
 * workspace (workspace/terraformFiles.ts: modules with many resources called by
 * environments, tfvars), each file analysed as a scan analyses it —
 * `analyzeFile` with the workspace's Terraform files as facts, so a file's rules
 * see its module, its variables' values and its callers — against the bare
 * parse of the same text by the same reader (`hclFile`, hclTree.ts). A pass
 * analyses every file with one facts object (the workspace's modules are built
 * once per facts, as in a scan); passes are interleaved with bare-parse passes
 * and the ratio is the median over the pairs. Reports; never fails.
 */
const ROOT = '/bench/infra';
const RUNS = 9;

export function runTerraformBench(): void {
  const files = terraformWorkspaceFiles(new Random(20_250_116)).map(([relative, text]) => ({ path: `${ROOT}/${relative}`, text }));
  const lines = files.reduce((sum, file) => sum + file.text.split('\n').length - 1, 0);
  const tfvars = files.filter((file) => file.path.endsWith('.tfvars')).length;
  const resources = files.reduce((sum, file) => sum + (file.text.match(/^resource "/gm)?.length ?? 0), 0);
  console.log(
    `terraform bench: ${files.length} files (${tfvars} .tfvars), ${lines} lines, ${resources} resources in ${TERRAFORM_SHAPE.modules} modules called by ${TERRAFORM_SHAPE.environments.length * TERRAFORM_SHAPE.stacks} stacks; median of ${RUNS} interleaved passes`,
  );
  console.log(
    '  analysis = analyzeFile per file with the workspace Terraform as facts (module, tfvars, callers; every rule, anchors, suppressions); parse = hclFile (hclTree.ts) per file',
  );
  let findings = 0;
  const parsePasses: number[] = [];
  const analysisPasses: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    parsePasses.push(time(() => files.forEach((file) => hclFile(file.text))));
    // The evidence reader's parse of every file: what a scan has made before any rule runs (facts.terraform).
    const facts: WorkspaceFacts = {
      deploysWithKubernetes: false,
      terraform: { files: files.map((file) => parseTerraformFile(file.path, file.text)), root: ROOT },
    };
    analysisPasses.push(
      time(() => {
        findings = 0;
        for (const file of files) findings += analyzeFile(file.path, file.text, facts)?.findings.length ?? 0;
      }),
    );
  }
  const parse = median(parsePasses);
  const analysis = median(analysisPasses);
  const ratio = median(analysisPasses.map((ms, run) => ms / parsePasses[run]));
  console.log(
    `  per file          parse ${((parse / files.length) * 1000).toFixed(0).padStart(5)} µs   analysis ${((analysis / files.length) * 1000).toFixed(0).padStart(6)} µs   ratio ${ratio.toFixed(2)}× (all ${files.length} files: parse ${parse.toFixed(0)} ms, analysis ${analysis.toFixed(0)} ms; ${findings} findings)`,
  );
}

// Alone: `node --require tsx/cjs --require ./src/cli/sourceShippedData.ts scripts/bench/terraformBench.ts` (the core reads data/ through the node adapter).
if (require.main === module) runTerraformBench();
