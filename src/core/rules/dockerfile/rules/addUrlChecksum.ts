import type { Add } from 'dockerfile-ast';
import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { toRange } from '../model';
import { isExecForm } from '../runScripts';

const HTTP_URL = /^https?:\/\//i;
const GIT_PREFIX = /^(?:git|ssh):\/\/|^git@/i;
/** A full commit id (SHA-1, or SHA-256 for repositories in that object format). */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * docker/add-url-checksum: `ADD https://…/tool.tar.gz /usr/local/bin/` with
 * no `--checksum=sha256:…`, or `ADD https://github.com/org/repo.git#main`
 * with no pinned commit. The build ships whatever the server returns that
 * day: a moved release asset, a re-pointed branch or a compromised host goes
 * into the image unnoticed. BuildKit verifies `--checksum` (files since
 * dockerfile:1.6, git commits since 1.10) and a commit in the URL fragment.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/add-url-checksum',
  detect(model) {
    const findings: RawFinding[] = [];
    for (const instruction of model.dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const add = instruction as Add;
      if (add.getFlags().some((flag) => flag.getName().toLowerCase() === 'checksum' && (flag.getValue() ?? '') !== '')) continue;
      const sources = isExecForm(add)
        ? add
            .getJSONStrings()
            .slice(0, -1)
            .map((json) => ({ value: json.getJSONValue(), range: json.getRange() }))
        : add
            .getArguments()
            .slice(0, -1)
            .map((argument) => ({ value: argument.getValue(), range: argument.getRange() }));
      for (const source of sources) {
        const problem = unverified(source.value);
        if (!problem) continue;
        findings.push({ ruleId: this.ruleId, range: toRange(source.range), message: problem });
      }
    }
    return findings;
  },
});

/** Why a source is unverified, or undefined for local paths and pinned remotes. */
function unverified(source: string): string | undefined {
  if (isGitSource(source)) {
    const ref = gitRef(source);
    if (ref !== undefined && COMMIT.test(ref)) return undefined;
    return ref === undefined
      ? `ADD clones "${source}" at whatever its default branch points to: pin a commit (\`#<commit sha>\`) or add \`--checksum=<commit sha>\`.`
      : `ADD clones "${source}" at "${ref}", a branch or tag that can be moved: pin a commit (\`#<commit sha>\`) or add \`--checksum=<commit sha>\`.`;
  }
  if (HTTP_URL.test(source)) {
    return `ADD downloads "${source}" without \`--checksum\`: the image ships whatever the server returns that day. Add \`--checksum=sha256:<digest>\`.`;
  }
  return undefined;
}

/** `git@host:org/repo`, `git://…`, `ssh://…`, or an http(s) URL whose path ends in `.git` (before any `#ref`). */
function isGitSource(source: string): boolean {
  if (GIT_PREFIX.test(source)) return true;
  if (!HTTP_URL.test(source)) return false;
  const hash = source.indexOf('#');
  const path = (hash === -1 ? source : source.slice(0, hash)).split('?')[0];
  return path.toLowerCase().endsWith('.git');
}

/** The ref of `…#ref` or `…#ref:subdir`, or a `?ref=`/`?commit=` query value (BuildKit's newer form); undefined when none. */
function gitRef(source: string): string | undefined {
  const hash = source.indexOf('#');
  if (hash !== -1) {
    const fragment = source.slice(hash + 1).split(':')[0];
    return fragment === '' ? undefined : fragment;
  }
  const query = source.indexOf('?');
  if (query === -1) return undefined;
  const params = new Map(
    source
      .slice(query + 1)
      .split('&')
      .map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)] as const),
  );
  return params.get('commit') ?? params.get('ref') ?? params.get('tag') ?? params.get('branch');
}
