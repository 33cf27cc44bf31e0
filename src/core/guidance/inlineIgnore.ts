import { isScalar, visit } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import type { FileKind } from '../rules/types';
import { parseDocumentsWithinLimits } from '../rules/yaml/nestingLimit';
import type { TextEdit } from '../text';
import { hclFile } from '../evidence/parsers/hclTree';
import type { TreeValue } from '../evidence/parsers/locatedTree';

/**
 * The edit that silences one rule on one line with an inline comment
 * (`# stage-guide: ignore <rule>` on the line above, at the same indentation),
 * or undefined where a comment line cannot go without changing meaning: inside
 * a multi-line YAML scalar (a `run: |` script) or a Dockerfile heredoc. Those
 * findings are waived in `.stage.yml` instead.
 */
export function inlineIgnoreEdit(kind: FileKind, text: string, line: number, ruleId: string): TextEdit | undefined {
  const lines = text.split('\n');
  if (line < 0 || line >= lines.length) return undefined;
  const inside =
    kind === 'dockerfile'
      ? insideDockerfileHeredoc(text, line)
      : kind === 'terraform'
        ? insideHclHeredoc(text, line)
        : insideMultilineYamlScalar(text, line);
  if (inside) return undefined;
  const above = line > 0 ? lines[line - 1] : undefined;
  const directive = `# stage-guide: ignore ${ruleId}`;
  // Idempotent: the same directive (alone or among others) already above.
  if (above !== undefined && above.trim().startsWith('# stage-guide: ignore') && above.split(/[\s,]+/).includes(ruleId)) return undefined;
  const indent = /^[ \t]*/.exec(lines[line])?.[0] ?? '';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${directive}\n` };
}

function insideMultilineYamlScalar(text: string, line: number): boolean {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = lineStarts[line];
  let inside = false;
  try {
    for (const doc of parseDocumentsWithinLimits(text).documents) {
      visit(doc, {
        Scalar(_key, node) {
          if (isScalar(node) && node.range && node.range[0] < offset && offset < node.range[1]) {
            inside = true;
            return visit.BREAK;
          }
          return undefined;
        },
      });
      if (inside) break;
    }
  } catch {
    return true;
  }
  return inside;
}

/** Inside a Terraform heredoc (`policy = <<EOF … EOF`), where a `#` line would become part of the string. */
function insideHclHeredoc(text: string, line: number): boolean {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = lineStarts[line];
  const visitValue = (value: TreeValue): boolean => {
    if (value.kind === 'map') return value.entries.some((entry) => visitValue(entry.value));
    if (value.kind === 'list') return value.items.some(visitValue);
    return (
      value.start !== undefined &&
      value.end !== undefined &&
      value.start < offset &&
      offset < value.end &&
      text.startsWith('<<', value.start)
    );
  };
  const file = hclFile(text);
  return file.blocks.some((block) => visitValue(block.body)) || file.attributes.some((entry) => visitValue(entry.value));
}

function insideDockerfileHeredoc(text: string, line: number): boolean {
  try {
    const dockerfile = DockerfileParser.parse(text);
    return dockerfile.getInstructions().some((instruction) => {
      const range = instruction.getRange();
      return range.start.line < line && line <= range.end.line && /<<-?\s*["']?\w+/.test(instruction.getRawArgumentsContent?.() ?? '');
    });
  } catch {
    return true;
  }
}

/** YYYY-MM-DD `days` after `today` (for a new waiver's default expiry). */
export function isoDatePlusDays(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
