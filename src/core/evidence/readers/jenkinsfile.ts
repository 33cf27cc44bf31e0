import { isJenkinsfileName } from '../../format/fileKinds';
import { readJenkinsfile } from '../../format/ci/jenkinsfileModel';
import type { CiJob } from '../facts';
import type { Reader } from './reader';

/**
 * Jenkinsfiles: each stage is a CI job with the shell scripts its `sh` and
 * `bat` steps run, its `docker.build(…)` calls (as `jenkins:docker.build`),
 * and when it runs (see format/ci/jenkinsfileModel).
 */
export const jenkinsfileReader: Reader = {
  id: 'jenkinsfile',
  relevance: {
    basenames: ['Jenkinsfile'],
    basenameGlobs: ['Jenkinsfile*', '*.Jenkinsfile', '*.jenkinsfile'],
    basenameTest: isJenkinsfileName,
  },
  accepts: (_relative, basename) => isJenkinsfileName(basename),
  read(file, facts) {
    const model = readJenkinsfile(file.text);
    const jobs = model.stages.map((stage): CiJob => {
      const job: CiJob = {
        name: stage.name,
        line: stage.line,
        commands: stage.scripts.map((script) => ({ text: script.text, line: script.line, textLine: script.textLine })),
        actions: stage.dockerBuilds.map((build) => ({ uses: 'jenkins:docker.build', line: build.line, inputs: build.arguments })),
        services: [],
        ...stage.triggers,
        mentionedText: stage.mentioned.join('\n'),
      };
      return job;
    });
    facts.ci.push({ path: file.path, system: 'jenkins', jobs, inherited: file.inherited });
  },
};
