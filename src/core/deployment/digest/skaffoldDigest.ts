import type { Node } from 'yaml';
import { getPath, getValue, nodeRange, parseYamlFile, scalarString, seqItems } from '../../rules/yaml/yamlSupport';
import type { YamlFile } from '../../rules/yaml/yamlSupport';
import type { ImageBuildDigest } from '../types';
import { posixJoin } from '../../fileSystem';
import { contextDockerfile } from './commandsDigest';

/**
 * The images a skaffold.yaml builds (`build.artifacts`, in every document and profile): each with the
 * Dockerfile (relative to the skaffold file's folder: `context` + `docker.dockerfile`), the target and the
 * image name the manifests it deploys refer to.
 */
export function skaffoldBuilds(text: string, parsedYaml?: () => YamlFile | undefined): ImageBuildDigest[] {
  let file: YamlFile | undefined;
  try {
    file = parsedYaml?.() ?? parseYamlFile(text);
  } catch {
    return [];
  }
  const builds: ImageBuildDigest[] = [];
  for (const doc of file.documents) {
    const builders = [
      getValue(doc.contents, 'build'),
      ...seqItems(getValue(doc.contents, 'profiles')).map((profile) => getValue(profile, 'build')),
    ];
    for (const build of builders) {
      for (const artifact of seqItems(getValue(build, 'artifacts'))) {
        const image = scalarString(getValue(artifact, 'image'));
        if (!image) continue;
        const context = scalarString(getValue(artifact, 'context')) ?? '.';
        const dockerfile = scalarString(getPath(artifact, ['docker', 'dockerfile']));
        const target = scalarString(getPath(artifact, ['docker', 'target']));
        // Buildpacks, Jib, ko and custom builders use no Dockerfile of the workspace.
        const usesDocker = ['buildpacks', 'jib', 'ko', 'custom', 'bazel'].every((builder) => getValue(artifact, builder) === undefined);
        const digest: ImageBuildDigest = { line: nodeRange(file, artifact as Node)?.start.line ?? 0, tags: [image] };
        if (usesDocker) digest.dockerfile = dockerfile ? posixJoin(context, dockerfile) : contextDockerfile(context);
        if (usesDocker && target) digest.target = target;
        builds.push(digest);
      }
    }
  }
  return builds;
}
