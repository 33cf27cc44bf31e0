import { braceTokens, lineAt } from '../../format/source/braceTokens';
import type { BraceToken } from '../../format/source/braceTokens';
import { extensionOf } from './reader';
import type { Reader } from './reader';

const SOURCE_EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'mts', 'cts'];
/**
 * The module a Node.js service sets its logger up in, by convention. Entry
 * points (`server.js`) are not read: every edit of them would re-scan the
 * workspace, for a logger most services keep in a module of its own.
 */
const LOGGER_NAMES = new Set(['logger', 'loggers', 'logging', 'log', 'winston']);
/** Winston formats that write JSON lines, and the ones that write plain text. */
const JSON_FORMATS = new Set(['json', 'logstash', 'ecsFormat']);
const TEXT_FORMATS = new Set(['simple', 'printf', 'cli', 'prettyPrint']);

/**
 * How a winston logger formats its lines, read where Node.js services set
 * it up: a logger module (`logger.js`, `src/utils/logger.ts`,
 * `config/winston.js`, `lib/logging/index.js`).
 * A file that imports winston and calls `format.json()` (or `logstash()`,
 * `ecsFormat()`) is recorded as `winston-format:json`; one that calls only
 * `format.simple()`, `printf(…)`, `cli()` or `prettyPrint()` as
 * `winston-format:text`. Winston's own default is JSON.
 */
export const loggerSetupReader: Reader = {
  id: 'logger-setup',
  relevance: {
    basenameGlobs: [...LOGGER_NAMES].map((name) => `${name}.{${SOURCE_EXTENSIONS.join(',')}}`),
    pathGlobs: [`**/{${[...LOGGER_NAMES].join(',')}}/index.{${SOURCE_EXTENSIONS.join(',')}}`],
  },
  accepts: (relative, basename) => isLoggerSetupFile(relative, basename),
  read(file, facts) {
    if (!file.text.includes('winston')) return;
    const tokens = braceTokens(file.text, { templateLiterals: true });
    if (!importsWinston(tokens)) return;
    const calls = formatCalls(tokens);
    const json = calls.find((call) => JSON_FORMATS.has(call.name));
    const text = calls.find((call) => TEXT_FORMATS.has(call.name));
    const found = json ?? text;
    if (found)
      facts.hits.push({
        what: json ? 'winston-format:json' : 'winston-format:text',
        at: { path: file.path, line: lineAt(file.text, found.start) },
      });
  },
};

function isLoggerSetupFile(relative: string, basename: string): boolean {
  const extension = extensionOf(basename);
  if (!SOURCE_EXTENSIONS.includes(extension)) return false;
  const stem = basename.slice(0, basename.length - extension.length - 1);
  if (LOGGER_NAMES.has(stem)) return true;
  const segments = relative.split('/');
  return stem === 'index' && segments.length >= 2 && LOGGER_NAMES.has(segments[segments.length - 2]);
}

/** `require('winston')`, `import … from 'winston'`, `import winston = require('winston')`. */
function importsWinston(tokens: readonly BraceToken[]): boolean {
  return tokens.some((token, index) => {
    if (token.kind !== 'string' || token.value !== 'winston') return false;
    const before = tokens[index - 1];
    const call = tokens[index - 2];
    return (
      (before?.kind === 'word' && (before.value === 'from' || before.value === 'import')) ||
      (before?.kind === 'punct' && before.value === '(' && call?.kind === 'word' && (call.value === 'require' || call.value === 'import'))
    );
  });
}

/**
 * Calls of winston formats: `format.json()`, `winston.format.printf(…)`, or a
 * name taken from `format` (`const { combine, printf } = format`) called bare.
 */
function formatCalls(tokens: readonly BraceToken[]): Array<{ name: string; start: number }> {
  const fromFormat = destructuredFromFormat(tokens);
  const calls: Array<{ name: string; start: number }> = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'word' || !isPunct(tokens[index + 1], '(')) return;
    const qualified = isPunct(tokens[index - 1], '.') && isWord(tokens[index - 2], 'format');
    const bare = !isPunct(tokens[index - 1], '.') && fromFormat.has(token.value);
    if (qualified || bare || token.value === 'ecsFormat') calls.push({ name: token.value, start: token.start });
  });
  return calls;
}

/** Names in `{ … } = format` or `{ … } = winston.format` (or `require('winston').format`). */
function destructuredFromFormat(tokens: readonly BraceToken[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((token, index) => {
    if (!isPunct(token, '}') || !isPunct(tokens[index + 1], '=')) return;
    const source = tokens.slice(index + 2, index + 9);
    const formatAt = source.findIndex((candidate) => isWord(candidate, 'format'));
    if (formatAt < 0 || source.slice(0, formatAt).some((candidate) => isPunct(candidate, ';'))) return;
    for (let i = index - 1; i >= 0 && !isPunct(tokens[i], '{'); i--) {
      const name = tokens[i];
      // `{ printf: print }` renames: the local name is the one after the colon.
      if (name.kind === 'word' && !isPunct(tokens[i + 1], ':')) names.add(name.value);
    }
  });
  return names;
}

function isPunct(token: BraceToken | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}

function isWord(token: BraceToken | undefined, value: string): boolean {
  return token?.kind === 'word' && token.value === value;
}
