import type { HelmTemplateDigest } from '../types';

const VALUES = '.Values.';
/** A probe's handler keys: a template that writes one writes (some of) its probes itself. */
const PROBE_HANDLERS = ['httpGet:', 'tcpSocket:', 'exec:', 'grpc:'];

/** A file under a `templates/` folder (the model uses it only when that folder's parent holds a Chart.yaml). */
export function isHelmTemplatePath(path: string): boolean {
  const segments = path.split('/');
  return segments.length >= 3 && segments.slice(0, -1).includes('templates');
}

/**
 * The values a template reads, without rendering it (templates are not YAML until rendered): each
 * `.Values.a.b` in its actions, and whether the action writes the value out whole — `toYaml .Values.resources`,
 * `.Values.resources | toYaml`, or `with .Values.resources` whose body writes `toYaml .`. Undefined for a file
 * that reads no values.
 */
export function helmTemplateDigest(path: string, text: string): HelmTemplateDigest | undefined {
  if (!text.includes(VALUES)) return undefined;
  const gitopsNamespace = writesArgoDestinationNamespace(text);
  const references = new Set<string>();
  const wholeBlocks = new Set<string>();
  for (let at = text.indexOf(VALUES); at >= 0; at = text.indexOf(VALUES, at + VALUES.length)) {
    const value = valuePathAt(text, at + VALUES.length);
    const open = text.lastIndexOf('{{', at);
    const close = text.indexOf('}}', at);
    // Only inside an action: a YAML comment that names a value (`# set .Values.replicaCount`) reads nothing.
    if (!value || open < 0 || close < 0 || text.lastIndexOf('}}', at) > open) continue;
    references.add(value);
    const action = text.slice(open + 2, close);
    if (action.includes('toYaml')) wholeBlocks.add(value);
    else if (startsWithWord(action, 'with') && withBodyWritesDot(text, close + 2)) wholeBlocks.add(value);
  }
  const statefulSet = text.includes('kind: StatefulSet');
  const autoscaler = text.includes('kind: HorizontalPodAutoscaler') || text.includes('kind: ScaledObject');
  const writesProbeHandler = PROBE_HANDLERS.some((handler) => text.includes(handler));
  return {
    type: 'helm-template',
    path,
    references: [...references],
    wholeBlocks: [...wholeBlocks],
    ...(statefulSet ? { statefulSet } : {}),
    ...(autoscaler ? { autoscaler } : {}),
    ...(writesProbeHandler ? { writesProbeHandler } : {}),
    ...(gitopsNamespace ? { gitopsNamespace } : {}),
  };
}

/**
 * The template writes Argo CD Applications (or ApplicationSets) with a destination namespace: an app-of-apps
 * chart (`namespace: {{ .namespace | default .name }}` under `destination:`). Read line by line: `kind:
 * Application` of an `argoproj.io/` apiVersion, and a `namespace:` with a value indented below a `destination:`.
 */
function writesArgoDestinationNamespace(text: string): boolean {
  if (!text.includes('argoproj.io/')) return false;
  const lines = text.split('\n');
  if (!lines.some((line) => ['kind: Application', 'kind: ApplicationSet'].includes(line.trim()))) return false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== 'destination:') continue;
    const indent = lines[i].length - lines[i].trimStart().length;
    for (let j = i + 1; j < lines.length && j <= i + 8; j++) {
      const line = lines[j];
      const own = line.length - line.trimStart().length;
      if (line.trim() === '' || line.trimStart().startsWith('{{-')) continue;
      if (own <= indent) break;
      if (line.trimStart().startsWith('namespace:') && line.trim().length > 'namespace:'.length) return true;
    }
  }
  return false;
}

function isPathChar(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9') || char === '_' || char === '.';
}

/** `a.b` of `.Values.a.b` (a trailing dot, as in `.Values.a.`, dropped). */
function valuePathAt(text: string, start: number): string | undefined {
  let end = start;
  while (end < text.length && isPathChar(text[end])) end++;
  let value = text.slice(start, end);
  while (value.endsWith('.')) value = value.slice(0, -1);
  return value.length > 0 ? value : undefined;
}

/** `{{- with …`: the action's first word, after the trim marker. */
function startsWithWord(action: string, word: string): boolean {
  const body = action.startsWith('-') ? action.slice(1).trimStart() : action.trimStart();
  return body.startsWith(`${word} `);
}

/** A `with` block's body (up to the next `end` action) that writes its value out whole: `toYaml .` */
function withBodyWritesDot(text: string, from: number): boolean {
  const ends = [text.indexOf('{{- end', from), text.indexOf('{{ end', from)].filter((index) => index >= 0);
  const body = text.slice(from, ends.length > 0 ? Math.min(...ends) : text.length);
  for (let at = body.indexOf('toYaml .'); at >= 0; at = body.indexOf('toYaml .', at + 1)) {
    // `toYaml .` and not `toYaml .Values.x` (another value, judged on its own).
    if (!isPathChar(body[at + 'toYaml .'.length] ?? ' ')) return true;
  }
  return false;
}
