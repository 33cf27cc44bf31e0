import type { Node, Pair, YAMLMap } from 'yaml';
import type { HoverAnchor } from '../types';
import { findPair, nodeRange } from '../yaml/yamlSupport';
import type { Pipeline } from './pipeline';

interface AnchorSpec {
  concern: string;
  ruleIds: string[];
}

/** The keys a hover explains, the concerns they belong to, and the rules that look at them. */
const ANCHORS: Readonly<Record<string, readonly AnchorSpec[]>> = {
  image: [{ concern: 'testing-deployment', ruleIds: ['gitlab/image-tag'] }],
  include: [{ concern: 'security', ruleIds: ['gitlab/include-project-ref', 'gitlab/include-remote-integrity'] }],
  script: [
    { concern: 'security', ruleIds: ['gitlab/curl-pipe-shell', 'gitlab/untrusted-variable-in-eval'] },
    { concern: 'testing-deployment', ruleIds: ['gitlab/ci-runs-tests'] },
  ],
  environment: [{ concern: 'testing-deployment', ruleIds: ['gitlab/deploy-environment'] }],
  artifacts: [{ concern: 'cost-efficiency', ruleIds: ['gitlab/artifacts-expire-in'] }],
  variables: [{ concern: 'security', ruleIds: ['gitlab/secret-variables', 'gitlab/debug-trace'] }],
  interruptible: [{ concern: 'cost-efficiency', ruleIds: ['gitlab/job-interruptible'] }],
  // No rule demands `timeout:` (GitLab's project timeout already bounds every job); the hover still explains the concern.
  timeout: [{ concern: 'cost-efficiency', ruleIds: [] }],
};

const GLOBAL_KEYS = ['image', 'include', 'variables'];
const DEFAULT_KEYS = ['image', 'artifacts', 'interruptible', 'timeout'];
const JOB_KEYS = ['image', 'script', 'environment', 'artifacts', 'variables', 'interruptible', 'timeout'];

/** Hover anchors on the global, `default:` and job keys the rules care about. */
export function collectAnchors(pipeline: Pipeline): HoverAnchor[] {
  const anchors: HoverAnchor[] = [];
  const addAll = (map: YAMLMap<Node, Node | null> | undefined, keys: readonly string[]) => {
    for (const key of keys) {
      const pair: Pair<Node, Node | null> | undefined = findPair(map, key);
      const range = pair ? nodeRange(pipeline.file, pair.key) : undefined;
      if (!range) continue;
      for (const spec of ANCHORS[key] ?? []) anchors.push({ range, concern: spec.concern, ruleIds: [...spec.ruleIds] });
    }
  };
  addAll(pipeline.root, GLOBAL_KEYS);
  addAll(pipeline.defaults, DEFAULT_KEYS);
  for (const job of pipeline.jobs) addAll(job.map, JOB_KEYS);
  return anchors;
}
