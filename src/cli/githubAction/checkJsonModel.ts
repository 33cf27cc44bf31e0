// The part of `check --format json` (docs/cli.md "JSON output", schemaVersion 1; fields are
// only ever added) that the action reads for its annotations and outputs.

export interface JsonLocated {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface JsonFinding extends JsonLocated {
  rule: string;
  /** "due", "next" or "later". */
  status: string;
  label: string;
}

export interface JsonProblem extends JsonLocated {
  code: string;
}

export interface CheckJson {
  failed: boolean;
  summary: { errors: number; warnings: number; infos: number };
  services: Array<{
    stage: { id: string; name: string } | null;
    stageFileProblems: JsonProblem[];
    findings: JsonFinding[];
  }>;
}
