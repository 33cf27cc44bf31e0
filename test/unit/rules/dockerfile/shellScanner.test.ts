import * as assert from 'node:assert/strict';
import { pipeOperators, programArguments, programName, splitCommands } from '../../../../src/core/format/shell/shellCommands';
import { scanShell } from '../../../../src/core/format/shell/shellScanner';

function scan(text: string, dockerfileEscape: string | undefined = '\\') {
  return scanShell(text, 0, text.length, dockerfileEscape === undefined ? {} : { dockerfileEscape });
}

function words(text: string, dockerfileEscape?: string): string[] {
  return scan(text, dockerfileEscape).tokens.flatMap((token) => (token.kind === 'word' ? [token.word.value] : []));
}

describe('shell scanner', () => {
  it('splits words and removes quotes, keeping offsets of the source', () => {
    const text = `curl -H "X-A: b c" 'd e' f\\ g`;
    const scanned = scan(text).tokens.flatMap((token) => (token.kind === 'word' ? [token.word] : []));
    assert.deepEqual(
      scanned.map((word) => word.value),
      ['curl', '-H', 'X-A: b c', 'd e', 'f g'],
    );
    assert.deepEqual(
      scanned.map((word) => text.slice(word.start, word.end)),
      ['curl', '-H', '"X-A: b c"', "'d e'", 'f\\ g'],
    );
    assert.deepEqual(
      scanned.map((word) => word.plain),
      [true, true, false, false, false],
    );
  });

  it('recognises operators, but not inside quotes or `||`', () => {
    const tokens = scan(`a | b || c && d; e "f | g" 'h|i' 2>&1 > /dev/null`).tokens;
    assert.deepEqual(
      tokens.flatMap((token) => (token.kind === 'op' ? [token.operator.op] : [])),
      ['|', '||', '&&', ';', '>&', '>'],
    );
    assert.equal(pipeOperators(tokens).length, 1);
  });

  it('does not count the | between case patterns as pipes, but counts pipes in the clauses and after esac', () => {
    // Each pipe, named by the program it feeds.
    const pipesIn = (text: string) =>
      pipeOperators(scan(text, undefined).tokens).map((pipe) => text.slice(pipe.end).trimStart().split(' ')[0]);
    assert.deepEqual(pipesIn('case "$x" in dev|beta|fix*) sed -i s/a/b/ f ;; (a|b) echo ok ;; esac'), []);
    assert.deepEqual(pipesIn('case $a in\n  x|y)\n    curl -s u | tar -x\n    ;;\nesac; ps ax | grep z'), ['tar', 'grep']);
    // Nested, and a word `case` that is an argument, not the reserved word.
    assert.deepEqual(pipesIn('case $a in x) case $b in p|q) id ;; esac ;; y|z) ls | wc ;; esac'), ['wc']);
    assert.deepEqual(pipesIn('echo case in a | cat'), ['cat']);
  });

  it('keeps $(…), ${…} and backticks inside one word and marks the expansion', () => {
    const scanned = scan('echo $(date | tr a b) ${X:-a b} `id -u` $HOME').tokens.flatMap((token) =>
      token.kind === 'word' ? [token.word] : [],
    );
    assert.deepEqual(
      scanned.map((word) => word.value),
      ['echo', '$(date | tr a b)', '${X:-a b}', '`id -u`', '$HOME'],
    );
    assert.deepEqual(
      scanned.map((word) => word.expansion),
      [false, true, true, true, true],
    );
  });

  it('joins Dockerfile continuation lines and drops the comment and blank lines inside them', () => {
    const text = 'apt-get update \\\n  # a comment | not a pipe\n\n  && apt-get install -y \\\n    curl';
    const scanned = scan(text);
    assert.deepEqual(words(text, '\\'), ['apt-get', 'update', 'apt-get', 'install', '-y', 'curl']);
    assert.deepEqual(scanned.comments, []);
    assert.equal(pipeOperators(scanned.tokens).length, 0);
  });

  it('honours a backtick escape character for continuations', () => {
    assert.deepEqual(words('echo a `\n  b', '`'), ['echo', 'a', 'b']);
  });

  it('reads `#` at the start of a word as a comment, elsewhere as text', () => {
    const scanned = scan('make a#b # stage-guide: ignore docker/sudo');
    assert.deepEqual(words('make a#b # c'), ['make', 'a#b']);
    assert.deepEqual(
      scanned.comments.map((comment) => comment.text),
      ['# stage-guide: ignore docker/sudo'],
    );
  });

  it('treats newlines of a heredoc script as command separators', () => {
    const commands = splitCommands(scan('set -e\ncurl -k x | sh\n', undefined).tokens);
    assert.deepEqual(
      commands.map((command) => command.words.map((word) => word.value)),
      [['set', '-e'], ['curl', '-k', 'x'], ['sh']],
    );
  });

  it('never throws on unterminated quotes and substitutions', () => {
    for (const text of ['"abc', "'abc", '$(abc', '${abc', '`abc', 'a \\', '\\']) assert.doesNotThrow(() => scan(text));
  });

  describe('commands', () => {
    const command = (text: string) => splitCommands(scan(text).tokens)[0];

    it('finds the program behind assignments, sudo and wrappers', () => {
      assert.equal(programName(command('DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y x')), 'apt-get');
      assert.equal(programName(command('sudo -u app /usr/bin/make all')), 'make');
      assert.equal(programName(command('env A=1 exec node server.js')), 'node');
      assert.deepEqual(
        programArguments(command('/usr/bin/curl -k x')).map((word) => word.value),
        ['-k', 'x'],
      );
    });

    it('leaves redirection targets out of a command', () => {
      assert.deepEqual(
        command('echo hi > /tmp/out 2>&1').words.map((word) => word.value),
        ['echo', 'hi'],
      );
    });
  });
});
