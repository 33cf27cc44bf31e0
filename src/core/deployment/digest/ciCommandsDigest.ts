import { workflowStepsView } from '../../format/ci/githubWorkflowModel';
import type { ScriptText, WorkflowStepModel } from '../../format/ci/githubWorkflowModel';
import { everyScriptLine, pipelineMaps } from '../../rules/gitlab-ci/pipeline';
import { nodeRange } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { CommandsDigest, ImageBuildDigest } from '../types';
import { commandsIn, contextDockerfile, knownRepository } from './commandsDigest';

/** A GitHub workflow's (or composite action's) compose chains and image builds: `run:` scripts and docker/build-push-action steps. */
export function githubCommandsDigest(file: YamlFile): CommandsDigest {
  // The jobs' steps of the file's one model (an action's `runs.steps` are not read here yet, as before the model was shared).
  const steps: WorkflowStepModel[] = workflowStepsView(file);
  const scripts = steps.flatMap((step) => (step.run ? [step.run] : []));
  const found = commandsIn(scripts);
  for (const step of steps) {
    const build = buildPushAction(step);
    if (build) found.imageBuilds.push(build);
  }
  return { type: 'commands', path: '', ...found };
}

/** A GitLab CI file's compose chains and image builds, from every `script:`/`before_script:`/`after_script:` line. */
export function gitlabCommandsDigest(file: YamlFile): CommandsDigest {
  // The file's maps only: its pipeline's model (what jobs inherit) says nothing about the commands written in it.
  const pipeline = pipelineMaps(file);
  const scripts: ScriptText[] = pipeline
    ? everyScriptLine(pipeline).map((line) => ({ text: String(line.value ?? ''), line: nodeRange(file, line)?.start.line ?? 0 }))
    : [];
  return { type: 'commands', path: '', ...commandsIn(scripts) };
}

/** `uses: docker/build-push-action@…` with `context:`, `file:`, `target:`, `tags:`. */
function buildPushAction(step: WorkflowStepModel): ImageBuildDigest | undefined {
  if (!step.uses?.toLowerCase().startsWith('docker/build-push-action@')) return undefined;
  const input = (name: string) => step.inputs[name]?.text.trim();
  const context = input('context') || '.';
  const file = input('file');
  const build: ImageBuildDigest = {
    line: step.line,
    tags: (input('tags') ?? '').split(/[\s,]+/).flatMap((tag) => {
      const known = tag.length > 0 ? knownRepository(tag, tag.includes('${{')) : undefined;
      return known ? [known] : [];
    }),
  };
  const dynamic = (value: string | undefined) => value !== undefined && value.includes('${{');
  if (!dynamic(context) && !dynamic(file) && !context.includes('://')) build.dockerfile = file || contextDockerfile(context);
  const target = input('target');
  if (target && !dynamic(target)) build.target = target;
  return build;
}
