import type { TerraformFile } from '../../format/terraform/terraformFile';
import { collectLineCommentSuppressions, emptySuppressions } from '../engine/suppressions';
import type { InlineSuppressions } from '../types';

/** `# stage-guide: ignore tf/…` (or `//`) comments, as the HCL reader found them (never inside strings or heredocs). */
export function terraformSuppressions(file: TerraformFile, text: string): InlineSuppressions {
  if (!text.includes('stage-guide')) return emptySuppressions();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const comments = file.comments.map((comment) => ({
    text: '#' + comment.text.replace(/^(?:#|\/\/|\/\*)/, '').replace(/\*\/$/, ''),
    line: comment.line,
    ownLine: text.slice(lineStarts[comment.line] ?? 0, comment.start).trim() === '',
  }));
  const ownLines = new Set(comments.filter((comment) => comment.ownLine).map((comment) => comment.line));
  let firstContent = 0;
  while (firstContent < lineStarts.length && (ownLines.has(firstContent) || lineIsBlank(text, lineStarts, firstContent))) firstContent++;
  return collectLineCommentSuppressions(comments, firstContent);
}

function lineIsBlank(text: string, lineStarts: number[], line: number): boolean {
  const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  return text.slice(lineStarts[line], end).trim() === '';
}
