import type { RawFinding, RuleFix } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { deleteWord, replaceRange } from '../edits';
import type { DockerfileModel } from '../model';
import { programArguments, programName } from '../../../format/shell/shellCommands';
import type { ShellCommand } from '../../../format/shell/shellCommands';
import type { ShellWord } from '../../../format/shell/shellScanner';
import { runAnchors, runsProgram } from '../anchorPlaces';

/** curl's short options that take a value: in `-sSo file` the letters after `o` are not options. */
const CURL_OPTIONS_WITH_VALUE = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
/** The programs the hover anchors on: downloaders and Python's installers, which all have a switch that turns verification off. */
const DOWNLOADER = /^(?:curl|wget|pip[0-9.]*|python[0-9.]*)$/;
const PIP = /^pip(?:[0-9](?:\.[0-9]+)?)?$/;
const PYTHON = /^python(?:[0-9](?:\.[0-9]+)?)?$/;

/**
 * docker/tls-verification-disabled: `curl -k/--insecure`,
 * `wget --no-check-certificate`, `pip --trusted-host`. Anyone on the network
 * path can then swap what the build downloads, and the image ships it.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/tls-verification-disabled',
  anchors: (model) => runAnchors(model, (script) => runsProgram(script, (program) => DOWNLOADER.test(program))),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const script of model.runs) {
      for (const command of script.commands) {
        for (const hit of insecureFlags(model, command)) {
          findings.push({
            ruleId: this.ruleId,
            range: model.mapper.range(hit.word.start, hit.word.end),
            message: `\`${hit.flag}\` turns off TLS certificate checks: a man in the middle can replace what the build downloads.`,
            fix: hit.fix,
          });
        }
      }
    }
    return findings;
  },
});

interface InsecureFlag {
  word: ShellWord;
  flag: string;
  fix: RuleFix;
}

function insecureFlags(model: DockerfileModel, command: ShellCommand): InsecureFlag[] {
  const name = programName(command);
  const args = programArguments(command);
  const found: InsecureFlag[] = [];
  const drop = (word: ShellWord, flag: string, end = word.end): InsecureFlag => ({
    word,
    flag,
    fix: { title: `Drop \`${flag}\``, edits: [deleteWord(model, word.start, end)] },
  });
  if (name === 'curl') {
    for (const word of args) {
      if (!word.plain) continue;
      if (word.value === '--insecure' || word.value === '-k') found.push(drop(word, word.value));
      else {
        const k = shortOptionIndex(word.value, 'k');
        if (k !== -1) {
          found.push({
            word,
            flag: '-k',
            fix: { title: `Drop \`k\` from \`${word.value}\``, edits: [replaceRange(model, word.start + k, word.start + k + 1, '')] },
          });
        }
      }
    }
  } else if (name === 'wget') {
    for (const word of args) if (word.plain && word.value === '--no-check-certificate') found.push(drop(word, word.value));
  } else if (name !== undefined && (PIP.test(name) || (PYTHON.test(name) && args[0]?.value === '-m' && args[1]?.value === 'pip'))) {
    args.forEach((word, index) => {
      if (!word.plain) return;
      if (word.value.startsWith('--trusted-host=')) found.push(drop(word, '--trusted-host'));
      else if (word.value === '--trusted-host' && args[index + 1]) found.push(drop(word, '--trusted-host', args[index + 1].end));
    });
  }
  return found;
}

/** Index of `letter` inside a cluster of short options (`-fsSLk`), -1 when absent or only part of a value. */
function shortOptionIndex(word: string, letter: string): number {
  if (!/^-[A-Za-z0-9]{2,}$/.test(word)) return -1;
  for (let i = 1; i < word.length; i++) {
    if (word[i] === letter) return i;
    if (CURL_OPTIONS_WITH_VALUE.has(word[i])) return -1;
  }
  return -1;
}
