import type { Add } from 'dockerfile-ast';
import type { RawFinding } from '../../types';
import { defineRule } from '../../engine/ruleModule';
import { keywordLike, replaceRange } from '../edits';
import { toRange } from '../model';
import { isExecForm } from '../runScripts';
import { keywordAnchors } from '../anchorPlaces';

/** ADD's two extra powers: fetching URLs and unpacking local archives. Using either is a reason for ADD. */
const REMOTE_PREFIX = /^(?:https?|git|ssh):\/\/|^git@/i;

/** A URL or a git repository (`….git`, `….git#ref`); two plain tests, as `\.git(?:#.*)?$` was quadratic on ".git#" repeated. */
const REMOTE = { test: (source: string) => REMOTE_PREFIX.test(source) || /\.git$/i.test(source) || /\.git#/i.test(source) };
const ARCHIVE = /\.(?:tar|tgz|tbz2?|txz|tzst|tar\.(?:gz|bz2|xz|zst|lz4)|gz|bz2|xz|zst)$/i;
/** Flags only ADD has: with them COPY cannot do the job. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/**
 * docker/add-instead-of-copy: ADD of local files and folders. ADD silently
 * unpacks archives and fetches URLs; COPY does exactly what it says.
 */
export const rule = defineRule('dockerfile', {
  ruleId: 'docker/add-instead-of-copy',
  anchors: (model) => keywordAnchors(model, 'ADD'),
  detect(model) {
    const findings: RawFinding[] = [];
    for (const instruction of model.dockerfile.getInstructions()) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const add = instruction as Add;
      if (add.getFlags().some((flag) => ADD_ONLY_FLAGS.has(flag.getName().toLowerCase()))) continue;
      const args = isExecForm(add)
        ? add.getJSONStrings().map((json) => json.getJSONValue())
        : add.getArguments().map((argument) => argument.getValue());
      if (args.length < 2) continue;
      const sources = args.slice(0, -1);
      if (sources.some((source) => source.startsWith('<<') || source.includes('$') || REMOTE.test(source) || ARCHIVE.test(source)))
        continue;
      const keywordRange = add.getInstructionRange();
      const start = model.mapper.offset(keywordRange.start);
      const end = model.mapper.offset(keywordRange.end);
      findings.push({
        ruleId: this.ruleId,
        range: toRange(keywordRange),
        message: `ADD copies local ${sources.length === 1 ? `"${sources[0]}"` : 'files'}: use COPY, which does not unpack archives or fetch URLs.`,
        fix: { title: 'Replace ADD with COPY', edits: [replaceRange(model, start, end, keywordLike(add.getInstruction(), 'COPY'))] },
      });
    }
    return findings;
  },
});
