import type { Healthcheck } from 'dockerfile-ast';
import type { DockerfileStage } from '../facts';
import { isDockerfileName } from '../../format/fileKinds';
import { parseDockerfile } from '../../format/dockerfileParse';
import type { Reader } from './reader';

/**
 * Dockerfiles, parsed with dockerfile-ast: each stage's base image, alias and
 * last USER, and the final stage's HEALTHCHECK.
 */
export const dockerfileReader: Reader = {
  id: 'dockerfile',
  // Which files are Dockerfiles is the format layer's one classifier's decision (the rules make the same).
  relevance: {
    basenames: ['Dockerfile', 'Containerfile'],
    basenameGlobs: ['*.Dockerfile', 'Dockerfile.*', '*.dockerfile'],
    basenameTest: isDockerfileName,
  },
  accepts: (_relative, basename) => isDockerfileName(basename),
  read(file, facts) {
    let dockerfile;
    try {
      dockerfile = parseDockerfile(file.text);
    } catch {
      return;
    }
    const stages: DockerfileStage[] = [];
    let healthcheck: { line: number; none: boolean } | undefined;
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword().toUpperCase();
      const line = instruction.getRange().start.line;
      if (keyword === 'FROM') {
        const from = dockerfile.getFROMs().find((candidate) => candidate.getRange().start.line === line);
        const image = from?.getImage() ?? instruction.getArgumentsContent() ?? '';
        const alias = from?.getBuildStage()?.toLowerCase();
        stages.push(alias ? { image, line, alias } : { image, line });
        healthcheck = undefined;
        const earlierStage = stages.slice(0, -1).some((stage) => stage.alias === image.toLowerCase());
        if (image && !earlierStage) facts.images.push({ image, at: { path: file.path, line }, source: 'dockerfile' });
      } else if (keyword === 'USER' && stages.length > 0) {
        const value = instruction.getArguments()[0]?.getValue();
        if (value) stages[stages.length - 1].user = { value, line };
      } else if (keyword === 'HEALTHCHECK' && stages.length > 0) {
        const subcommand = (instruction as Healthcheck).getSubcommand?.()?.getValue()?.toUpperCase();
        healthcheck = { line, none: subcommand === 'NONE' };
      }
    }
    if (stages.length === 0) return;
    facts.dockerfiles.push(healthcheck ? { path: file.path, stages, healthcheck } : { path: file.path, stages });
  },
};
