import { posixBasename } from '../../fileSystem';
import type { ScriptText } from '../../format/ci/githubWorkflowModel';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { FileDigest } from '../types';
import { isCodeProjectFile } from './codeProjects';
import { helmTemplateDigest, isHelmTemplatePath } from './helmTemplateDigest';
import { helmChartDigest, helmValuesDigest, isHelmChartName, isHelmValuesName } from './helmDigest';
import { commandsIn } from './commandsDigest';
import { kustomizationDigest } from './kustomizationDigest';
import { dotenvDigest } from './dotenvDigest';
import { skaffoldBuilds } from './skaffoldDigest';
import { withFields } from '../../withFields';

/** A file whose digest links others, by its path: a support file (below), or a Helm template (the values it reads). */
export function isDeploymentSupportPath(path: string): boolean {
  return isDeploymentSupportFile(posixBasename(path)) || isHelmTemplatePath(path);
}

/** Files that hold no rules of their own but link others: kustomizations, skaffold, and the scripts that run compose and docker build. */
export function isDeploymentSupportFile(basename: string): boolean {
  return (
    isKustomizationName(basename) ||
    isSkaffoldName(basename) ||
    basename === 'Makefile' ||
    basename === 'makefile' ||
    basename === 'package.json' ||
    basename.endsWith('.sh') ||
    isHelmChartName(basename) ||
    isHelmValuesName(basename) ||
    // Helm templates' helpers (`_helpers.tpl`): the values they read count as the chart's.
    basename.endsWith('.tpl') ||
    isCodeProjectFile(basename) ||
    isDockerignoreName(basename) ||
    // The variables Compose substitutes in the compose files beside it (`dockerfile: ${API_DOCKERFILE}`).
    basename === '.env' ||
    // The deploy steps a README tells a person to run (`kubectl apply -n $NAMESPACE -f ./kubernetes-manifests`).
    isReadmeName(basename)
  );
}

/** `.dockerignore` beside a build context, or BuildKit's per-Dockerfile `<Dockerfile name>.dockerignore`. */
export function isDockerignoreName(basename: string): boolean {
  return basename.endsWith('.dockerignore');
}

function isSkaffoldName(basename: string): boolean {
  return basename === 'skaffold.yaml' || basename === 'skaffold.yml';
}

export function isKustomizationName(basename: string): boolean {
  return basename === 'kustomization.yaml' || basename === 'kustomization.yml' || basename === 'Kustomization';
}

/**
 * The digests of a support file (see isDeploymentSupportPath: a Helm template's too); empty for
 * anything else or when nothing in it links files. `parsedYaml` is a parse
 * the caller already made of a kustomization.
 */
export function supportFileDigests(path: string, text: string, parsedYaml?: () => YamlFile | undefined): FileDigest[] {
  const name = posixBasename(path);
  if (isDockerignoreName(name)) return [{ type: 'dockerignore', path }];
  if (name === '.env') {
    const digest = dotenvDigest(path, text);
    return Object.keys(digest.variables).length > 0 ? [digest] : [];
  }
  // Any file under a `templates/` folder may be a chart's template; a kustomization or script there still links files.
  const template = helmTemplateDigests(path, text);
  if (!isDeploymentSupportFile(name)) return template;
  const code: FileDigest[] = isCodeProjectFile(name) ? [{ type: 'code', path }] : [];
  return [...code, ...linkDigests(path, name, text, parsedYaml), ...template];
}

/** A Helm template's digest (the values it reads), for any file under a `templates/` folder that reads values. */
function helmTemplateDigests(path: string, text: string): FileDigest[] {
  const digest = isHelmTemplatePath(path) ? helmTemplateDigest(path, text) : undefined;
  return digest ? [digest] : [];
}

function linkDigests(path: string, name: string, text: string, parsedYaml?: () => YamlFile | undefined): FileDigest[] {
  if (isHelmChartName(name)) return [helmChartDigest(path, text, parsedYaml)];
  if (isHelmValuesName(name)) {
    const values = helmValuesDigest(path, text, parsedYaml);
    return values.images.length > 0 || values.settings ? [values] : [];
  }
  if (isKustomizationName(name)) {
    const digest = kustomizationDigest(text, parsedYaml);
    return digest ? [withFields(digest, { path })] : [];
  }
  if (isSkaffoldName(name)) {
    const imageBuilds = skaffoldBuilds(text, parsedYaml);
    return imageBuilds.length > 0 ? [{ type: 'commands', path, composeChains: [], imageBuilds }] : [];
  }
  let scripts: ScriptText[];
  if (name === 'package.json') scripts = packageScripts(text);
  else if (name === 'Makefile' || name === 'makefile') scripts = makefileRecipes(text);
  else if (name.endsWith('.sh')) scripts = [{ text, line: 0 }];
  else if (isReadmeName(name)) scripts = readmeShellBlocks(text);
  else return [];
  const found = commandsIn(scripts);
  if (found.composeChains.length === 0 && found.imageBuilds.length === 0 && found.stackChains.length === 0 && !found.namespacedApplies)
    return [];
  return [{ type: 'commands', path, ...found }];
}

/** `scripts` of a package.json, each at the line where its value is written. */
function packageScripts(text: string): ScriptText[] {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(text) as { scripts?: unknown } | null)?.scripts;
  } catch {
    return [];
  }
  if (!scripts || typeof scripts !== 'object') return [];
  const lines = text.split('\n');
  return Object.values(scripts as Record<string, unknown>).flatMap((value) => {
    if (typeof value !== 'string') return [];
    const encoded = JSON.stringify(value);
    const line = lines.findIndex((each) => each.includes(encoded));
    return [{ text: value, line: Math.max(line, 0) }];
  });
}

/** Recipe lines of a Makefile (tab-indented), without make's `@`/`-`/`+` prefixes; `\` continuations joined. */
function makefileRecipes(text: string): ScriptText[] {
  const lines = text.split('\n');
  const recipes: ScriptText[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('\t')) continue;
    const start = i;
    let recipe = lines[i].slice(1);
    while (recipe.endsWith('\\') && i + 1 < lines.length) recipe = `${recipe.slice(0, -1)} ${lines[++i].trim()}`;
    let body = recipe.trimStart();
    while (body.length > 0 && '@-+'.includes(body[0])) body = body.slice(1);
    // `$(MAKE)`/`$$var` are make's: `$$` is a literal `$` for the shell.
    recipes.push({ text: body.replaceAll('$$', '$'), line: start });
  }
  return recipes;
}

/** `README.md` in any case (a folder's own instructions). */
export function isReadmeName(basename: string): boolean {
  return basename.toLowerCase() === 'readme.md';
}

/**
 * The fenced code blocks of a README, each a script at the line it starts on; with prompts (`$ kubectl …`),
 * only the prompted lines are commands (the rest is output).
 */
function readmeShellBlocks(text: string): ScriptText[] {
  const blocks: ScriptText[] = [];
  const lines = text.split('\n');
  let start = -1;
  let body: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) {
      if (start < 0) {
        start = i + 1;
        body = [];
      } else {
        const prompted = body.some((line) => line.trimStart().startsWith('$ '));
        const script = prompted ? body.map((line) => (line.trimStart().startsWith('$ ') ? line.trimStart().slice(2) : '')) : body;
        blocks.push({ text: script.join('\n'), line: start });
        start = -1;
      }
      continue;
    }
    if (start >= 0) body.push(lines[i]);
  }
  return blocks;
}
