import type { Instruction } from 'dockerfile-ast';
import type { TextEdit } from '../../text';
import type { DockerfileModel } from './model';

/**
 * Minimal edits on a Dockerfile's text. Each helper touches only the characters
 * it changes, so a fix never disturbs comments, continuation lines or the
 * file's own spacing elsewhere.
 */

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/**
 * Deletes `[start, end)` — a word such as `-k` or `sudo` — together with the
 * blanks on one side, so `curl -k url` becomes `curl url` and `curl url -k`
 * becomes `curl url`.
 */
export function deleteWord(model: DockerfileModel, start: number, end: number): TextEdit {
  const text = model.text;
  let after = end;
  while (isBlank(text[after])) after++;
  const followedByMore = after > end && after < text.length && text[after] !== '\n' && text[after] !== '\r';
  if (followedByMore) return { range: model.mapper.range(start, after), newText: '' };
  let before = start;
  while (before > 0 && isBlank(text[before - 1])) before--;
  const aloneOnContinuationLine =
    before > 0 && text[before - 1] === '\n' && (after >= text.length || text[after] === '\n' || text[after] === '\r');
  if (aloneOnContinuationLine) {
    // `… \` + newline + `    -k`: drop the continuation too, or the next instruction would join this one.
    let escape = before - 1;
    if (escape > 0 && text[escape - 1] === '\r') escape--;
    while (escape > 0 && isBlank(text[escape - 1])) escape--;
    if (escape > 0 && text[escape - 1] === model.escapeChar) {
      let lineEnd = escape - 1;
      while (lineEnd > 0 && isBlank(text[lineEnd - 1])) lineEnd--;
      return { range: model.mapper.range(lineEnd, end), newText: '' };
    }
  }
  return { range: model.mapper.range(before, end), newText: '' };
}

export function insertAt(model: DockerfileModel, offset: number, newText: string): TextEdit {
  return { range: model.mapper.range(offset, offset), newText };
}

export function replaceRange(model: DockerfileModel, start: number, end: number, newText: string): TextEdit {
  return { range: model.mapper.range(start, end), newText };
}

/**
 * Where a new runtime instruction (USER, HEALTHCHECK) goes in the final stage:
 * before the first CMD/ENTRYPOINT that no RUN, COPY, ADD or USER follows (so
 * the build steps still run as before), else at the end of the file.
 */
export function runtimeInsertionPoint(model: DockerfileModel): Instruction | undefined {
  const instructions = model.finalStage?.instructions ?? [];
  let lastBuildStep = -1;
  instructions.forEach((instruction, index) => {
    if (['RUN', 'COPY', 'ADD', 'USER'].includes(instruction.getKeyword())) lastBuildStep = index;
  });
  return instructions.find((instruction, index) => index > lastBuildStep && ['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword()));
}

/**
 * Inserts whole lines before `instruction` (above the comment lines directly
 * over it, which belong to it — a `# stage-guide: ignore` keeps applying to the
 * instruction it was written for), or at the end of the file.
 */
export function insertLinesBefore(model: DockerfileModel, instruction: Instruction | undefined, lines: readonly string[]): TextEdit {
  if (!instruction) return appendLines(model, lines);
  let line = instruction.getRange().start.line;
  const commentLines = new Set(model.dockerfile.getComments().map((comment) => comment.getRange().start.line));
  while (line > 0 && commentLines.has(line - 1)) line--;
  const offset = model.mapper.offset({ line, character: 0 });
  const indent = /^[ \t]*/.exec(model.text.slice(offset))?.[0] ?? '';
  return insertAt(model, offset, lines.map((text) => `${indent}${text}${model.eol}`).join(''));
}

/** Appends whole lines at the end of the file, adding the missing final newline first. */
export function appendLines(model: DockerfileModel, lines: readonly string[]): TextEdit {
  const text = model.text;
  const body = lines.join(model.eol);
  const newText = text.length === 0 || text.endsWith('\n') ? `${body}${model.eol}` : `${model.eol}${body}`;
  return insertAt(model, text.length, newText);
}

/** The keyword as the file writes it: `COPY` for `ADD`, `copy` for `add`. */
export function keywordLike(written: string, keyword: string): string {
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}
