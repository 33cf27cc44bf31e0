import type { Instruction } from 'dockerfile-ast';
import { isExecForm } from './runScripts';

/** The sources of a COPY or ADD, read by the rules about what goes into the image (secret files, the whole context). */
export interface CopySource {
  value: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** `COPY --from=…` copies from another stage or image, not from the build context. */
export function hasFromFlag(instruction: Instruction): boolean {
  return (instruction as unknown as { getFlags(): Array<{ getName(): string }> })
    .getFlags()
    .some((flag) => flag.getName().toLowerCase() === 'from');
}

/** Every argument but the destination (flags are not arguments in dockerfile-ast); heredoc sources (`<<EOF`) are inline text, not files. */
export function sourcesOf(instruction: Instruction): CopySource[] {
  const all: CopySource[] = isExecForm(instruction)
    ? (instruction as unknown as { getJSONStrings(): Array<{ getJSONValue(): string; getRange(): CopySource['range'] }> })
        .getJSONStrings()
        .map((json) => ({ value: json.getJSONValue(), range: json.getRange() }))
    : instruction.getArguments().map((argument) => ({ value: argument.getValue(), range: argument.getRange() }));
  return all.slice(0, -1).filter((source) => !source.value.startsWith('<<') && !source.value.includes('$'));
}
