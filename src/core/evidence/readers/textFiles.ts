import type { Reader } from './reader';
import { extensionOf } from './reader';
import { isRedisBrokerSetting } from './compose';
import { atxHeadingText, withoutHashComment } from './lineText';

/** Fence languages of shell code blocks (an unmarked fence is read too: READMEs often leave it off). */
const SHELL_FENCES = new Set(['', 'sh', 'bash', 'shell', 'console', 'shell-session', 'shellsession', 'zsh', 'terminal']);

/**
 * README headings ("does the README say how to set up / deploy?") and its
 * shell code blocks (the commands it tells a person to run).
 */
export const readmeReader: Reader = {
  id: 'readme',
  relevance: { basenameGlobs: ['README.md', 'README.markdown', 'README.rst', 'readme.md', 'Readme.md'] },
  accepts: (relative, basename) => !relative.includes('/') && /^readme\.(md|markdown|rst)$/i.test(basename),
  read(file, facts) {
    const lines = file.text.split(/\r?\n/);
    let fence: { language: string; start: number; lines: string[] } | undefined;
    let heading: string | undefined;
    lines.forEach((line, index) => {
      const marker = /^\s*(```|~~~)\s*([\w-]*)/.exec(line);
      if (marker) {
        if (fence) {
          if (SHELL_FENCES.has(fence.language)) facts.documentScripts.push(documentScript(file.path, fence, heading));
          fence = undefined;
        } else {
          fence = { language: marker[2].toLowerCase(), start: index + 1, lines: [] };
        }
        return;
      }
      if (fence) {
        fence.lines.push(line);
        return;
      }
      const atx = atxHeadingText(line);
      // Setext headings ("Title\n=====") and reStructuredText underlines.
      const underline =
        index > 0 && /^\s*(=+|-+|~+)\s*$/.test(line) && lines[index - 1].trim() !== '' ? lines[index - 1].trim() : undefined;
      const text = atx ?? underline;
      if (text) {
        heading = text;
        facts.headings.push({ path: file.path, text, line: atx ? index : index - 1 });
      }
    });
  },
};

/** A code block's commands: with prompts (`$ kubectl apply`), only the prompted lines are commands; the rest is output. */
function documentScript(path: string, fence: { start: number; lines: string[] }, heading: string | undefined) {
  const prompted = fence.lines.some((line) => /^\s*[$%>] /.test(line));
  const text = fence.lines
    .map((line) => {
      const prompt = /^\s*[$%>] /.exec(line);
      if (prompt) return line.slice(prompt[0].length);
      return prompted ? '' : line;
    })
    .join('\n');
  return heading === undefined ? { path, text, line: fence.start } : { path, text, line: fence.start, heading };
}

/** CODEOWNERS rules: "pattern owner…" lines, in gitignore-like syntax. */
export const codeownersReader: Reader = {
  id: 'codeowners',
  relevance: { basenames: ['CODEOWNERS'] },
  accepts: (relative, basename) =>
    basename === 'CODEOWNERS' && ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'].includes(relative),
  read(file, facts) {
    const rules: Array<{ pattern: string; owners: string[]; line: number }> = [];
    file.text.split(/\r?\n/).forEach((raw, line) => {
      const text = withoutHashComment(raw).trim();
      if (text === '' || text.startsWith('[') || text.startsWith('^[')) return;
      const [pattern, ...owners] = text.split(/\s+/);
      rules.push({ pattern, owners, line });
    });
    facts.codeowners.push({ path: file.path, rules, inherited: file.inherited });
  },
};

/** Makefile / justfile targets ("test:", "lint:"): a one-command entry point. */
export const makefileReader: Reader = {
  id: 'makefile',
  relevance: { basenames: ['Makefile', 'makefile', 'GNUmakefile', 'justfile', 'Justfile'] },
  accepts: (_relative, basename) => ['Makefile', 'makefile', 'GNUmakefile', 'justfile', 'Justfile'].includes(basename),
  read(file, facts) {
    file.text.split(/\r?\n/).forEach((line, index) => {
      // One quantifier per region (name, then the rest up to ":"): linear; `\s+[^:=]*\s*` was quadratic on a line of tabs.
      const target = /^([A-Za-z0-9_][A-Za-z0-9_.-]*)(?:\s[^:=]*)?:(?![=:])/.exec(line);
      if (target) facts.settings.push({ what: `make-target:${target[1]}`, value: line.trim(), at: { path: file.path, line: index } });
    });
  },
};

/** Keys of committed example environment files (.env.example): the configuration the app reads. */
export const envExampleReader: Reader = {
  id: 'env-example',
  relevance: { basenames: ['.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env', 'sample.env'] },
  accepts: (_relative, basename) =>
    ['.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env', 'sample.env'].includes(basename),
  read(file, facts) {
    file.text.split(/\r?\n/).forEach((line, index) => {
      const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
      if (!key) return;
      facts.settings.push({ what: 'env-key', value: key[1], at: { path: file.path, line: index } });
      if (isRedisBrokerSetting(key[1], line.slice(key[0].length)))
        facts.settings.push({ what: 'redis-broker-url', value: key[1], at: { path: file.path, line: index } });
    });
  },
};

/** Protocol Buffers `package a.b.v1;`: gRPC APIs carry their version in the package. */
export const protoReader: Reader = {
  id: 'proto',
  relevance: { basenameGlobs: ['*.proto'] },
  accepts: (_relative, basename) => basename.endsWith('.proto'),
  read(file, facts) {
    file.text.split(/\r?\n/).some((line, index) => {
      const match = /^\s*package\s+([\w.]+)\s*;/.exec(line);
      if (match) facts.hits.push({ what: `proto-package:${match[1]}`, at: { path: file.path, line: index } });
      return Boolean(match);
    });
  },
};

/** Where schema migrations live, by tool convention. */
export const MIGRATION_FOLDERS =
  /(^|\/)(migrations|alembic\/versions|db\/migrate|prisma\/migrations|db\/migration|db\/changelog|liquibase|flyway)\//;
const MIGRATION_EXTENSIONS = new Set(['sql', 'py', 'rb', 'js', 'ts', 'go', 'xml', 'yaml', 'yml', 'java', 'kt', 'php', 'cs', 'exs']);
/** One small pattern per tool (as one alternation the ReDoS checker could not vouch for it); `<createIndex` is `\bcreateIndex\b`. */
const INDEX_PATTERNS: readonly RegExp[] = [
  /\bCREATE\s+(?:UNIQUE\s+)?INDEX\b/i,
  /\bop\.create_index\b/i,
  /\badd_index\b/i,
  /\bmodels\.Index\(/i,
  /@@(?:index|unique)\b/i,
  /\bcreateIndex\b/i,
  /\.index\(\s*\[/i,
  /\bIndex\(\s*["']/i,
  /\bAddIndex\(/i,
];
const CREATES_INDEX = { test: (text: string) => INDEX_PATTERNS.some((pattern) => pattern.test(text)) };

/** Migration files that create an index (SQL, Alembic, Rails, Django, Prisma, Knex, Liquibase…). */
export const migrationReader: Reader = {
  id: 'migrations',
  relevance: {
    pathGlobs: [
      '**/migrations/**',
      '**/alembic/versions/**',
      '**/db/migrate/**',
      '**/prisma/migrations/**',
      '**/db/migration/**',
      '**/db/changelog/**',
      '**/liquibase/**',
      '**/flyway/**',
    ],
  },
  accepts: (relative, basename) => MIGRATION_FOLDERS.test(relative) && MIGRATION_EXTENSIONS.has(extensionOf(basename)),
  read(file, facts) {
    const lines = file.text.split(/\r?\n/);
    const index = lines.findIndex((line) => CREATES_INDEX.test(line));
    if (index >= 0) facts.hits.push({ what: 'migration-index', at: { path: file.path, line: index } });
  },
};

/**
 * Files no evidence reader reads that the workspace model links others with: shell scripts (`docker compose
 * -f … -f …`, `docker build -f … --target`), a `.env` beside compose files (the variables Compose substitutes in
 * them), Helm's `_helpers.tpl` and every folder's README (the `kubectl apply -n … -f …` it tells a person to run;
 * the README evidence reader reads the root one only). The scan reads them for their deployment digests (assessService's
 * fileProducts); they make no evidence of their own.
 */
export const deploymentLinksReader: Reader = {
  id: 'deployment-links',
  relevance: { basenameGlobs: ['*.sh', '*.tpl'], basenames: ['.env', 'README.md', 'readme.md', 'Readme.md'] },
  accepts: (_relative, basename) =>
    basename === '.env' || basename.endsWith('.sh') || basename.endsWith('.tpl') || basename.toLowerCase() === 'readme.md',
  read() {
    // Nothing: the digest is made from the same read.
  },
};
