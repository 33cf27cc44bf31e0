import { braceTokens, lineAt } from '../../format/source/braceTokens';
import type { BraceToken } from '../../format/source/braceTokens';
import { extensionOf } from './reader';
import type { Reader } from './reader';

const SCRIPT_EXTENSIONS = new Set(['js', 'mjs', 'cjs']);
/** In a test folder, named like nothing in particular: `tests/render.js`, not `tests/cart.test.js`. */
const TEST_FOLDER = /(^|\/)tests?\//;
const NAMED_AS_TEST = /\.(?:test|spec)\.[cm]?js$/;

/**
 * JavaScript files in a test folder that are not named as tests: the
 * signal "tests exist" counts them by folder, so the ones that are browser
 * scripts — PhantomJS (`require('webpage')`, `phantom.exit()`) or CasperJS —
 * are recorded as `phantomjs-script`, and are not counted as tests (a
 * screenshot script a smoke test pipes through grep is no unit test).
 */
export const testFolderScriptReader: Reader = {
  id: 'test-folder-scripts',
  relevance: { pathGlobs: ['**/test/**/*.{js,mjs,cjs}', '**/tests/**/*.{js,mjs,cjs}'] },
  accepts: (relative, basename) =>
    SCRIPT_EXTENSIONS.has(extensionOf(basename)) && TEST_FOLDER.test(relative) && !NAMED_AS_TEST.test(basename),
  read(file, facts) {
    if (!file.text.includes('phantom') && !file.text.includes('webpage') && !file.text.includes('casper')) return;
    const tokens = braceTokens(file.text, { templateLiterals: true });
    const at = tokens.findIndex((token, index) => isBrowserScriptMarker(tokens, index, token));
    if (at >= 0) facts.hits.push({ what: 'phantomjs-script', at: { path: file.path, line: lineAt(file.text, tokens[at].start) } });
  },
};

/** `require('webpage')`, `phantom.exit(`, `casper.start(`: calls only a PhantomJS or CasperJS script makes. */
function isBrowserScriptMarker(tokens: readonly BraceToken[], index: number, token: BraceToken): boolean {
  if (token.kind === 'word' && token.value === 'require') {
    const name = tokens[index + 2];
    return punct(tokens[index + 1], '(') && name?.kind === 'string' && ['webpage', 'casper'].includes(name.value);
  }
  if (token.kind === 'word' && (token.value === 'phantom' || token.value === 'casper')) {
    const method = tokens[index + 2];
    return (
      punct(tokens[index + 1], '.') &&
      method?.kind === 'word' &&
      ['exit', 'start', 'run', 'injectJs', 'onError'].includes(method.value) &&
      !punct(tokens[index - 1], '.')
    );
  }
  return false;
}

function punct(token: BraceToken | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}
