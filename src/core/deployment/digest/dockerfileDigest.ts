import type { BuildStage, DockerfileModel } from '../../rules/dockerfile/model';
import type { DockerfileDigest, DockerfileStageDigest } from '../types';

/**
 * What the workspace model needs of a Dockerfile: per stage, whether the
 * image it produces declares a HEALTHCHECK and which USER it runs as (each
 * through the stages it builds on), so a compose `target:` or a CI
 * `--target` is judged by the stage it really ships.
 */
export function dockerfileDigest(model: DockerfileModel): DockerfileDigest {
  return { type: 'dockerfile', path: '', stages: model.stages.map(stageDigest) };
}

function stageDigest(stage: BuildStage): DockerfileStageDigest {
  const chain: BuildStage[] = [];
  for (let each: BuildStage | undefined = stage; each && !chain.includes(each); each = each.parent) chain.push(each);
  const instructions = chain.reverse().flatMap((each) => each.instructions);
  const digest: DockerfileStageDigest = {
    line: stage.from.getRange().start.line,
    hasHealthcheck: instructions.some((instruction) => instruction.getKeyword() === 'HEALTHCHECK'),
  };
  if (stage.name) digest.name = stage.name;
  const users = instructions.filter((instruction) => instruction.getKeyword() === 'USER');
  const user = users[users.length - 1]?.getArgumentsContent();
  if (user) digest.user = user;
  // The chain's first stage is built FROM an image (every later one FROM a stage).
  const image = chain[0].from.getImage();
  if (image) digest.baseImage = image;
  // FROM scratch with nothing to run: a stage that only carries build output (`docker build --output`).
  const runs = instructions.some((instruction) => ['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword()));
  if (image?.toLowerCase() === 'scratch' && !runs) digest.exportsOnly = true;
  return digest;
}
