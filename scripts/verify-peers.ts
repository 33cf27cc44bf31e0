/**
 * Checks every peer check id Stage Guide cites (data/peer-checks.yml and the `peers:` of data/rules/*.yml)
 * against the peers' own sources, so a wrong or renamed id is caught before users read it in a hover.
 *
 *   tsx scripts/verify-peers.ts <mirrors-dir> [--all]
 *
 * <mirrors-dir> holds one git repository per peer, bare or checked out, named `<owner>+<name>` (with the git
 * directory itself or a `repo/` inside it) or `<name>`: hadolint/hadolint, stackrox/kube-linter,
 * zegl/kube-score, zizmorcore/zizmor, bridgecrewio/checkov, aquasecurity/trivy-checks,
 * terraform-linters/tflint-ruleset-terraform, and for the other tools rules cite: FairwindsOps/polaris, rhysd/actionlint,
 * ossf/scorecard, tmatens/compose-lint, zavoloklom/docker-compose-linter. Each tool's ids are read at the repository's HEAD.
 * It prints the ids the peer does not define (exit code 1), and with --all every id beside the peer's own
 * title, to read whether it means what our rule says. Not run in CI: it needs the peers' repositories.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readPeerChecks } from './peerChecks';

const ROOT = join(__dirname, '..');

/** A peer's repository at HEAD: list files, read one, grep many (git does the walking, fast on big repos). */
class PeerRepo {
  constructor(private readonly gitDir: string) {}
  private git(args: string[]): string {
    return execFileSync('git', [`--git-dir=${this.gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  }
  read(path: string): string {
    return this.git(['show', `HEAD:${path}`]);
  }
  /** `path\0line` pairs of the lines matching `pattern` (extended regex) under `paths`. */
  grep(pattern: string, paths: string[]): { path: string; line: string }[] {
    let out: string;
    try {
      out = this.git(['grep', '-z', '-E', pattern, 'HEAD', '--', ...paths]);
    } catch {
      return []; // git grep exits 1 when nothing matches
    }
    return out
      .split('\n')
      .filter((row) => row !== '')
      .map((row) => {
        const [path, line] = row.split('\0');
        return { path: path!.replace(/^HEAD:/, ''), line: line ?? '' };
      });
  }
}

function openRepo(mirrors: string, owner: string, name: string): PeerRepo | undefined {
  for (const dir of [join(mirrors, `${owner}+${name}`, 'repo'), join(mirrors, `${owner}+${name}`), join(mirrors, name)]) {
    if (!existsSync(dir)) continue;
    if (existsSync(join(dir, '.git'))) return new PeerRepo(join(dir, '.git'));
    if (existsSync(join(dir, 'HEAD'))) return new PeerRepo(dir);
  }
  return undefined;
}

type Catalog = Map<string, string>; // peer check id → the peer's own title

/** Markdown table rows `| [ID](…) | … | description |` or `| id | … |`: first cell is the id. */
function tableCatalog(markdown: string, idCell: RegExp, titleColumn: number): Catalog {
  const catalog: Catalog = new Map();
  for (const row of markdown.split('\n')) {
    if (!row.startsWith('|')) continue;
    const cells = row.split('|').map((cell) => cell.trim());
    const id = idCell.exec(cells[1] ?? '')?.[1];
    if (id) catalog.set(id, cells[titleColumn] ?? '');
  }
  return catalog;
}

/** `## name` headings, each with the first line of prose under it. */
function headingCatalog(markdown: string, heading: RegExp): Catalog {
  const catalog: Catalog = new Map();
  let current: string | undefined;
  for (const line of markdown.split('\n')) {
    const id = heading.exec(line)?.[1];
    if (id) {
      current = id;
      catalog.set(id, '');
    } else if (current && catalog.get(current) === '' && /^[A-Z*]/.test(line) && !line.startsWith('|')) {
      catalog.set(current, line.replace(/\*\*/g, '').trim());
    }
  }
  return catalog;
}

const readers: Record<string, { repo: [string, string]; read: (repo: PeerRepo) => Catalog }> = {
  hadolint: { repo: ['hadolint', 'hadolint'], read: (repo) => tableCatalog(repo.read('README.md'), /^\[?((?:DL|SC)\d{4})\]?/, 3) },
  'kube-linter': {
    repo: ['stackrox', 'kube-linter'],
    read: (repo) => {
      // `## name`, then `**Enabled by default**: …` and `**Description**: …`.
      const catalog: Catalog = new Map();
      let current: string | undefined;
      for (const line of repo.read('docs/generated/checks.md').split('\n')) {
        const id = /^## ([a-z0-9-]+)\s*$/.exec(line)?.[1];
        if (id) catalog.set((current = id), '');
        const description = /^\*\*Description\*\*: (.*)/.exec(line)?.[1];
        if (current && description) catalog.set(current, description);
        const enabled = /^\*\*Enabled by default\*\*: (\w+)/.exec(line)?.[1];
        if (current && enabled === 'Yes') catalog.set(current, `[default] ${catalog.get(current)}`);
      }
      return catalog;
    },
  },
  'kube-score': { repo: ['zegl', 'kube-score'], read: (repo) => tableCatalog(repo.read('README_CHECKS.md'), /^([a-z][a-z0-9-]+)$/, 3) },
  zizmor: { repo: ['zizmorcore', 'zizmor'], read: (repo) => headingCatalog(repo.read('docs/audits.md'), /^## `([a-z0-9-]+)`/) },
  checkov: {
    repo: ['bridgecrewio', 'checkov'],
    read: (repo) => {
      // Python checks: `name = "…"` and `id = "CKV_…"` in one file (one check per file); graph checks in YAML:
      // `id: CKV2_…` and `name: "…"` under `metadata:`; secrets: `'Basic Auth Credentials': 'CKV_SECRET_4'`.
      const catalog: Catalog = new Map();
      const byFile = new Map<string, { ids: string[]; names: string[] }>();
      for (const { path, line } of repo.grep('(^|[ (,])(name|id|check_id) *[=:] *(["\']|CKV)', ['checkov/*/checks/*'])) {
        const entry = byFile.get(path) ?? { ids: [], names: [] };
        byFile.set(path, entry);
        const id = /\b(?:check_)?id\s*[=:]\s*["']?(CKV2?_[A-Z0-9]+_\d+)/.exec(line)?.[1];
        const name = /(?:^|[\s(,])name\s*[=:]\s*f?["'](.*?)["']\s*,?\s*(?:$|check_id|id\s*=)/.exec(line)?.[1];
        if (id) entry.ids.push(id);
        if (name) entry.names.push(name);
      }
      // A check built on a shared base class names itself there (`…port {port}`): show its file then.
      for (const [path, { ids, names }] of byFile) for (const id of ids) if (!catalog.get(id)) catalog.set(id, names[0] ?? path);
      for (const { line } of repo.grep("'CKV_SECRET_[0-9]+'", ['checkov/secrets/runner.py'])) {
        const match = /'([^']+)':\s*'(CKV_SECRET_\d+)'/.exec(line);
        if (match) catalog.set(match[2]!, match[1]!);
      }
      return catalog;
    },
  },
  trivy: {
    repo: ['aquasecurity', 'trivy-checks'],
    read: (repo) => {
      // Rego METADATA: `# title: …`, then `#   id: DS-0001` (or AWS-0080) and `aliases: - AVD-…`.
      const catalog: Catalog = new Map();
      const titles = new Map<string, string>();
      for (const { path, line } of repo.grep('^#\\s+(title|avd_id|id|- AVD)', ['checks/*.rego'])) {
        const title = /^#\s+title:\s*(.*)/.exec(line)?.[1];
        if (title && !titles.has(path)) titles.set(path, title);
        const id = /^#\s+(?:avd_id:|id:|- )\s*((?:AVD-)?[A-Z]+-\d{4})\s*$/.exec(line)?.[1];
        if (id) catalog.set(id.startsWith('AVD-') ? id : `AVD-${id}`, path);
      }
      for (const [id, path] of catalog) catalog.set(id, titles.get(path) ?? path);
      return catalog;
    },
  },
  polaris: {
    repo: ['FairwindsOps', 'polaris'],
    read: (repo) => {
      // One YAML file per check, named by its id, with `failureMessage:`.
      const catalog: Catalog = new Map();
      for (const { path, line } of repo.grep('^failureMessage:', ['pkg/config/checks/*.yaml'])) {
        const id = /([A-Za-z0-9]+)\.yaml$/.exec(path)?.[1];
        if (id) catalog.set(id, line.replace(/^failureMessage:\s*/, ''));
      }
      return catalog;
    },
  },
  actionlint: {
    repo: ['rhysd', 'actionlint'],
    read: (repo) => {
      // Each rule_*.go names its rule: `name: "deprecated-commands",`.
      const catalog: Catalog = new Map();
      for (const { path, line } of repo.grep('^\\s+name:\\s+"[a-z-]+",', ['rule_*.go'])) {
        const id = /name:\s+"([a-z-]+)"/.exec(line)?.[1];
        if (id && !path.endsWith('_test.go')) catalog.set(id, path);
      }
      return catalog;
    },
  },
  scorecard: {
    repo: ['ossf', 'scorecard'],
    read: (repo) => headingCatalog(repo.read('docs/checks/internal/checks.yaml'), /^ {2}([A-Z][A-Za-z-]+):\s*$/),
  },
  'compose-lint': {
    repo: ['tmatens', 'compose-lint'],
    read: (repo) => {
      // docs/rules/CL-0001.md opens with `# CL-0001: title`.
      const catalog: Catalog = new Map();
      for (const { line } of repo.grep('^# CL-[0-9]+:', ['docs/rules/CL-*.md'])) {
        const match = /^# (CL-\d+):\s*(.*)/.exec(line);
        if (match) catalog.set(match[1]!, match[2]!);
      }
      return catalog;
    },
  },
  dclint: {
    repo: ['zavoloklom', 'docker-compose-linter'],
    read: (repo) => {
      // One page per rule: docs/rules/<id>-rule.md, opening with its title.
      const catalog: Catalog = new Map();
      for (const { path, line } of repo.grep('^# ', ['docs/rules/*-rule.md'])) {
        const id = /([a-z0-9-]+)-rule\.md$/.exec(path)?.[1];
        if (id && !catalog.has(id)) catalog.set(id, line.slice(2));
      }
      return catalog;
    },
  },
  tflint: {
    repo: ['terraform-linters', 'tflint-ruleset-terraform'],
    read: (repo) => tableCatalog(repo.read('docs/rules/README.md'), /^\[?(terraform_[a-z_]+)\]?/, 2),
  },
};

interface Citation {
  tool: string;
  id: string;
  ours: string; // our title, or the rules citing it
}

/** Every peer id we cite: the recall table's rows and the rules' `peers:`. */
function citations(): Citation[] {
  const cited = new Map<string, Citation>();
  for (const tool of readPeerChecks(ROOT))
    for (const check of tool.checks) cited.set(`${tool.id}:${check.id}`, { tool: tool.id, id: check.id, ours: check.title });
  for (const file of readdirSync(join(ROOT, 'data', 'rules')).filter((name) => name.endsWith('.yml'))) {
    const { rules } = parse(readFileSync(join(ROOT, 'data', 'rules', file), 'utf8')) as { rules: { id: string; peers?: string[] }[] };
    for (const rule of rules)
      for (const peer of rule.peers ?? []) {
        const [tool, id] = [peer.slice(0, peer.indexOf(':')), peer.slice(peer.indexOf(':') + 1)];
        if (!cited.has(peer)) cited.set(peer, { tool, id, ours: `(cited by ${rule.id})` });
      }
  }
  return [...cited.values()];
}

function main(): void {
  const [mirrors, ...flags] = process.argv.slice(2);
  if (!mirrors) {
    console.error('usage: tsx scripts/verify-peers.ts <mirrors-dir> [--all]');
    process.exit(2);
  }
  const all = flags.includes('--all');
  let missing = 0;
  const byTool = new Map<string, Citation[]>();
  for (const citation of citations()) byTool.set(citation.tool, [...(byTool.get(citation.tool) ?? []), citation]);
  for (const [tool, cited] of byTool) {
    const reader = readers[tool];
    if (!reader) {
      console.log(`${tool}: no reader (not verified): ${cited.map((citation) => citation.id).join(', ')}`);
      continue;
    }
    const repo = openRepo(mirrors, ...reader.repo);
    if (!repo) {
      console.log(`${tool}: ${reader.repo.join('/')} not found under ${mirrors} (not verified)`);
      continue;
    }
    const catalog = reader.read(repo);
    console.log(`${tool}: ${catalog.size} checks in ${reader.repo.join('/')}, ${cited.length} cited`);
    for (const citation of cited) {
      const theirs = catalog.get(citation.id);
      if (theirs === undefined) {
        missing++;
        console.log(`  MISSING  ${citation.id}  (ours: ${citation.ours})`);
      } else if (all) console.log(`  ok       ${citation.id}\n             ours:   ${citation.ours}\n             theirs: ${theirs}`);
    }
  }
  if (missing > 0) process.exit(1);
}

main();
