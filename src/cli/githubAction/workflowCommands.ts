// GitHub Actions workflow commands (`::warning file=…::message`), escaped as the runner reads
// them: in the message `%`, CR and LF are percent-encoded; in a property also `:` and `,`
// (the same rules as @actions/core's command.ts). Unescaped, a `,` in a path would end the
// property and a newline in a message would end the command and start a log line.

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Path relative to the repository root (GITHUB_WORKSPACE). */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  title: string;
  message: string;
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One annotation command. GitHub only honours a column range on a single line, so a finding
 * spanning lines is annotated by its lines alone.
 */
export function annotationCommand(annotation: Annotation): string {
  const properties: Array<[string, string | number]> = [
    ['file', annotation.file],
    ['line', annotation.line],
    ['endLine', annotation.endLine],
  ];
  if (annotation.endLine === annotation.line) properties.push(['col', annotation.column], ['endColumn', annotation.endColumn]);
  properties.push(['title', annotation.title]);
  const rendered = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${annotation.level} ${rendered}::${escapeData(annotation.message)}`;
}
