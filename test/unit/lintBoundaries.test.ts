// The import boundaries of docs/architecture.md are held by the linter (eslint.config.mjs). Each
// forbidden import below is linted as if it were a file in that folder, through ESLint's own API
// and the project's config: if a rule stops applying (a renamed folder, a broken glob, a dropped
// block), this fails instead of the boundary silently opening.
import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

const repoRoot = resolve(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

interface Case {
  file: string;
  code: string;
}

const FORBIDDEN: Case[] = [
  { file: 'src/core/x.ts', code: "import * as vscode from 'vscode';" },
  { file: 'src/core/rules/x.ts', code: "import { readFileSync } from 'node:fs';" },
  { file: 'src/core/x.ts', code: "import * as path from 'path';" },
  { file: 'src/core/evidence/scan/x.ts', code: "import { activate } from '../../../extension/extension';" },
  { file: 'src/core/x.ts', code: "import { runCli } from '../cli/runCli';" },
  { file: 'src/core/x.ts', code: "export * from '../webview/sidebar';" },
  { file: 'src/core/x.ts', code: "import type { SidebarModel } from '../shared/messages';" },
  { file: 'src/shared/x.ts', code: "import * as vscode from 'vscode';" },
  { file: 'src/shared/x.ts', code: "import { posix } from 'node:path';" },
  { file: 'src/shared/x.ts', code: "import { builtinMatrix } from '../core/matrix/builtinMatrix';" },
  { file: 'src/webview/x.ts', code: "import * as vscode from 'vscode';" },
  { file: 'src/webview/lib/x.ts', code: "import { readFile } from 'node:fs/promises';" },
  { file: 'src/webview/x.ts', code: "import { pluralForm } from '../core/plural';" },
  { file: 'src/webview/lib/x.ts', code: "import type { StageId } from '../../core/stages';" },
  { file: 'src/webview/x.ts', code: "import { activate } from '../extension/extension';" },
  { file: 'src/extension/x.ts', code: "import { runCli } from '../cli/runCli';" },
  { file: 'src/extension/panels/x.ts', code: "import '../../webview/sidebar';" },
  { file: 'src/cli/x.ts', code: "import * as vscode from 'vscode';" },
  { file: 'src/cli/commands/x.ts', code: "import { activate } from '../../extension/extension';" },
  { file: 'src/cli/x.ts', code: "import '../webview/matrix';" },
  { file: 'src/node/x.ts', code: "import * as vscode from 'vscode';" },
  { file: 'src/node/x.ts', code: "import { runCli } from '../cli/runCli';" },
  { file: 'src/node/x.ts', code: "import { activate } from '../extension/extension';" },
];

/** Imports the same folders may make: the rule must not fire on them. */
const ALLOWED: Case[] = [
  {
    file: 'src/core/x.ts',
    code: "import { parse } from 'yaml';\nimport { countPhrase } from './plural';\nimport type { Range } from './text';",
  },
  { file: 'src/shared/x.ts', code: "import { pluralForm } from '../core/plural';\nimport type { StageId } from '../core/stages';" },
  { file: 'src/webview/x.ts', code: "import { formatLabel } from '../shared/messages';" },
  {
    file: 'src/extension/x.ts',
    code: "import * as vscode from 'vscode';\nimport { builtinMatrix } from '../core/matrix/builtinMatrix';\nimport type { SidebarModel } from '../shared/messages';",
  },
  { file: 'src/cli/x.ts', code: "import { readFileSync } from 'node:fs';\nimport { builtinMatrix } from '../core/matrix/builtinMatrix';" },
  { file: 'src/node/x.ts', code: "import { readFileSync } from 'node:fs';\nimport { readRefusal } from '../core/fileSystem';" },
  { file: 'src/extension/x.ts', code: "import { readRegularFile } from '../node/guardedRead';" },
  { file: 'src/cli/x.ts', code: "import { readRegularFile } from '../node/guardedRead';" },
];

describe('lint: the import boundaries of docs/architecture.md', function () {
  // Loading typescript-eslint's parser takes a few seconds on a loaded machine.
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'eslint.config.mjs') });

  async function boundaryErrors({ file, code }: Case): Promise<string[]> {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: join(repoRoot, file) });
    return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
  }

  for (const forbidden of FORBIDDEN) {
    it(`refuses in ${forbidden.file}: ${forbidden.code}`, async () => {
      const errors = await boundaryErrors(forbidden);
      assert.equal(errors.length, 1, `expected one ${RULE} error, got ${JSON.stringify(errors)}`);
    });
  }

  for (const allowed of ALLOWED) {
    it(`accepts in ${allowed.file}: ${allowed.code.replace(/\n/g, ' ')}`, async () => {
      assert.deepEqual(await boundaryErrors(allowed), []);
    });
  }
});
