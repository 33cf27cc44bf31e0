import * as assert from 'node:assert/strict';
import { readJenkinsfile } from '../../../src/core/format/ci/jenkinsfileModel';
import { braceTokens } from '../../../src/core/format/source/braceTokens';

const stagesOf = (text: string) =>
  readJenkinsfile(text).stages.map((stage) => ({
    name: stage.name,
    scripts: stage.scripts.map((script) => `${script.textLine}: ${script.text.trim()}`),
    triggers: [stage.triggers.onPush, stage.triggers.onPullRequest, stage.triggers.onMainPush, stage.triggers.onTags],
  }));

describe('format: brace-language tokens', () => {
  it("reads Groovy's quotes and triple quotes, skips comments, resolves escapes", () => {
    const tokens = braceTokens(`sh 'it\\'s' // sh 'no'\n/* sh "no" */ sh """a\n\\$HOME"""\nsh '''x'''`, { tripleQuotes: true });
    assert.deepEqual(
      tokens.filter((token) => token.kind === 'string').map((token) => token.value),
      ["it's", 'a\n$HOME', 'x'],
    );
    assert.deepEqual(
      tokens.filter((token) => token.kind === 'word').map((token) => token.value),
      ['sh', 'sh', 'sh'],
    );
  });

  it('keeps a brace or a quote inside a string out of the code, and stops an unterminated string at the line end', () => {
    const tokens = braceTokens("echo '}' { x \"{\" }\nsh 'open\nsh 'next'", { tripleQuotes: true });
    assert.deepEqual(
      tokens.filter((token) => token.kind === 'punct').map((token) => token.value),
      ['{', '}'],
    );
    assert.deepEqual(
      tokens.filter((token) => token.kind === 'string').map((token) => token.value),
      ['}', '{', 'open', 'next'],
    );
  });

  it('reads JavaScript template literals as strings when asked', () => {
    const tokens = braceTokens('log(`a ${b} c`); x', { templateLiterals: true });
    assert.deepEqual(
      tokens.map((token) => token.kind),
      ['word', 'punct', 'string', 'punct', 'punct', 'word'],
    );
  });
});

describe('format: Jenkinsfile model', () => {
  it('declarative stages with their sh steps in every form, and the line each script starts on', () => {
    const text = [
      'pipeline {', // 0
      '  stages {',
      "    stage('Build') {",
      '      steps {',
      "        sh 'npm ci'",
      '        sh """', // 5
      '          npm run build',
      '        """',
      "        sh(script: 'npm test', returnStatus: true)",
      "        sh label: 'lint', script: '''npm run lint'''",
      "        bat('gradlew.bat check')", // 10
      '      }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(stagesOf(text), [
      {
        name: 'Build',
        scripts: ['4: npm ci', '6: npm run build', '8: npm test', '9: npm run lint', '10: gradlew.bat check'],
        triggers: [true, true, true, true],
      },
    ]);
  });

  it('when conditions: branch, tags, change requests, anyOf; unknowable conditions and approvals', () => {
    const stage = (name: string, when: string, body = "sh 'make'") => `stage('${name}') {\n  when { ${when} }\n  steps { ${body} }\n}\n`;
    const text = `pipeline {\n stages {\n${[
      stage('Main', "branch 'main'"),
      stage('Feature', "branch 'feature/*'"),
      stage('Release', 'buildingTag()'),
      stage('Review', 'changeRequest()'),
      stage('Either', "anyOf { branch 'main'; changeRequest() }"),
      stage('Param', 'expression { params.GO }'),
      stage('Not', "not { branch 'main' }"),
    ].join('')}  stage('Approve') {\n  steps {\n input message: 'Ship?'\n sh 'make deploy'\n }\n }\n }\n}\n`;
    assert.deepEqual(
      stagesOf(text).map((entry) => [entry.name, entry.triggers]),
      [
        ['Main', [true, false, true, false]],
        ['Feature', [true, false, false, false]],
        ['Release', [false, false, false, true]],
        ['Review', [false, true, false, false]],
        ['Either', [true, true, true, false]],
        ['Param', [false, false, false, false]],
        ['Not', [false, false, false, false]],
        ['Approve', [true, true, false, true]],
      ],
    );
  });

  it('scripted pipelines, steps outside stages, docker.build; dynamic scripts stay unknown', () => {
    const model = readJenkinsfile(
      [
        'node {',
        '  checkout scm',
        "  sh 'make deps'",
        "  stage('Image') {",
        '    def image = docker.build("shop/api:${env.GIT_COMMIT}", "-f Dockerfile .")',
        '    sh "make " + target',
        '    sh command',
        "    sh 'echo ' .concat(x)",
        '  }',
        '}',
      ].join('\n'),
    );
    assert.deepEqual(
      model.stages.map((stage) => [stage.name, stage.scripts.map((script) => script.text), stage.dockerBuilds]),
      [
        ['(pipeline)', ['make deps'], []],
        ['Image', [], [{ line: 4, arguments: 'shop/api:${env.GIT_COMMIT} -f Dockerfile .' }]],
      ],
    );
  });

  it('never throws on text that is not Groovy', () => {
    for (const text of ['', '{{{{', '}}}})', "stage('x') {", "sh '''unterminated", 'sh(', 'when { branch', '"""']) {
      assert.doesNotThrow(() => readJenkinsfile(text));
    }
  });
});
