import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { containerFiles } from './workspace/containerFiles';
import { buildOutputFile, nodeModulesFile, vendorFile } from './workspace/dependencyFiles';
import { dataYamlFile, sourceFile } from './workspace/fillerFiles';
import { kubernetesFiles } from './workspace/kubernetesFiles';
import { Random } from './workspace/random';
import { repositoryFiles } from './workspace/repositoryFiles';
import { serviceFiles } from './workspace/serviceFiles';
import { makeServices } from './workspace/service';
import type { GeneratedFile } from './workspace/service';

/**
 * A synthetic monorepo shaped like a real one, for the scan benchmark: one
 * service per ~400 files, each with Dockerfiles (multi-stage, heredocs),
 * compose files with overlays, a kustomize base and overlays with patches,
 * often a Helm chart, Terraform, a manifest, a GitLab CI fragment, settings,
 * docs, source and tests; GitHub workflows (one per service, a deploy
 * workflow chaining `docker compose -f … -f …`) and a GitLab pipeline at the
 * root; and dependency folders and build output (35% of the files). Outside
 * those, about one file in four is YAML, as in real monorepos. A fifth of the
 * services have their own `.stage.yml`. Deterministic: one seed, one tree.
 */
export interface GeneratedWorkspace {
  root: string;
  files: number;
  bytes: number;
  services: number;
  /** In node_modules, vendor and build output (never walked by a scan). */
  dependencyFiles: number;
  yamlFiles: number;
  /** YAML files outside node_modules, vendor and build output. */
  yamlOutsideDependencies: number;
  dockerfiles: number;
  /** A compose file of the first service (relative): the file the "rescan after one changed file" measure changes. */
  changeTarget: string;
}

export interface GenerateOptions {
  /** Total files on disk, dependency folders included. */
  files: number;
  seed?: number;
}

/** Files per service: 10k files → 25 services, 100k → 250. */
const FILES_PER_SERVICE = 400;
/** node_modules, vendor and build output. */
const DEPENDENCY_SHARE = 0.35;
/** Outside dependency folders: about one file in four is YAML. */
const YAML_SHARE = 0.25;

const DEPENDENCY_FOLDER = /(^|\/)(node_modules|vendor|dist|coverage)\//;

export function generateWorkspace(root: string, options: GenerateOptions): GeneratedWorkspace {
  const random = new Random(options.seed ?? 20_250_101);
  const services = makeServices(Math.max(4, Math.round(options.files / FILES_PER_SERVICE)), random);
  const stats: GeneratedWorkspace = {
    root,
    files: 0,
    bytes: 0,
    services: services.length,
    dependencyFiles: 0,
    yamlFiles: 0,
    yamlOutsideDependencies: 0,
    dockerfiles: 0,
    changeTarget: `${services[0].dir}/compose.yaml`,
  };
  const made = new Set<string>();
  const write = ([path, text]: GeneratedFile) => {
    const full = join(root, path);
    const folder = dirname(full);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(full, text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    const yaml = /\.ya?ml$/.test(path);
    if (yaml) stats.yamlFiles++;
    if (DEPENDENCY_FOLDER.test(path)) stats.dependencyFiles++;
    else if (yaml) stats.yamlOutsideDependencies++;
    if (/(^|\/)(Dockerfile[^/]*|[^/]*\.Dockerfile)$/.test(path)) stats.dockerfiles++;
  };

  mkdirSync(join(root, '.git'), { recursive: true });
  for (const file of repositoryFiles(services, random)) write(file);
  for (const service of services) {
    for (const file of containerFiles(service, random)) write(file);
    for (const file of kubernetesFiles(service, random)) write(file);
    for (const file of serviceFiles(service, random)) write(file);
  }

  // Source, tests, docs and data YAML, round-robin over the services, until the part outside dependencies is full.
  const outsideTarget = Math.round(options.files * (1 - DEPENDENCY_SHARE));
  for (let n = 0; stats.files - stats.dependencyFiles < outsideTarget && stats.files < options.files; n++) {
    const service = services[n % services.length];
    const outside = stats.files - stats.dependencyFiles;
    write(stats.yamlOutsideDependencies < YAML_SHARE * (outside + 1) ? dataYamlFile(service, n, random) : sourceFile(service, n, random));
  }

  // Dependencies and build output: node_modules at the root and in some Node services, Go vendor folders, dist/ and coverage/.
  const nodeServices = services.filter((service) => service.language === 'node');
  const goServices = services.filter((service) => service.language === 'go');
  const counters = { nodeModules: 0, vendor: 0, build: 0 };
  for (let k = 0; stats.files < options.files; k++) {
    const slot = k % 20;
    if (slot < 14 || (slot < 17 && goServices.length === 0)) {
      const n = counters.nodeModules++;
      const pkg = Math.floor(n / 24);
      const inService = pkg % 7 === 0 && nodeServices.length > 0 ? `${nodeServices[pkg % nodeServices.length].dir}/` : '';
      write(nodeModulesFile(n, random, inService));
    } else if (slot < 17) {
      const n = counters.vendor++;
      write(vendorFile(goServices[Math.floor(n / 150) % goServices.length], n, random));
    } else {
      const n = counters.build++;
      write(buildOutputFile(services[Math.floor(n / 60) % services.length], n, random));
    }
  }
  return stats;
}
