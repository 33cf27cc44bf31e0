import { readdirSync, readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { LineCounter, parseAllDocuments } from 'yaml';

/**
 * The floor `check` is measured against (bundled and run in a fresh node by
 * checkBench): the least work a scan of the same tree can do. It lists
 * exactly the folders `check` lists, and reads exactly the files `check`
 * reads, parsing each with the parser `check` uses: every YAML file with
 * `yaml` (`parseAllDocuments` with positions), every Dockerfile with
 * `dockerfile-ast`, JSON with `JSON.parse`; other files are only read.
 * No evidence, no rules, no report. The lists come from a recording scan
 * (editorScan.ts). Prints one JSON line.
 */
interface ReadList {
  directories: string[];
  files: string[];
}

const YAML_NAME = /\.ya?ml$/i;

function isDockerfile(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) return false;
  return lower === 'dockerfile' || lower === 'containerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile');
}

function main(): void {
  const list = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ReadList;
  let entries = 0;
  for (const directory of list.directories) entries += readdirSync(directory, { withFileTypes: true }).length;
  const counts = { entries, yaml: 0, dockerfiles: 0, json: 0, other: 0, bytes: 0 };
  for (const file of list.files) {
    const text = readFileSync(file, 'utf8');
    counts.bytes += text.length;
    const name = file.slice(file.lastIndexOf('/') + 1);
    try {
      if (YAML_NAME.test(name)) {
        parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false });
        counts.yaml++;
      } else if (isDockerfile(name)) {
        DockerfileParser.parse(text);
        counts.dockerfiles++;
      } else if (name.endsWith('.json')) {
        JSON.parse(text);
        counts.json++;
      } else counts.other++;
    } catch {
      counts.other++;
    }
  }
  console.log(JSON.stringify(counts));
}

main();
