import * as assert from 'node:assert/strict';
import { commandsIn } from '../../../src/core/deployment/digest/commandsDigest';
import { supportFileDigests } from '../../../src/core/deployment/digest/supportFileDigests';

describe('commandsIn: compose chains and image builds in scripts', () => {
  it('reads `docker compose -f a -f b` and `docker-compose --file=x` chains in order, at their line', () => {
    const found = commandsIn([
      { text: 'set -e\ndocker compose -f compose.yaml -f compose.prod.yaml up -d', line: 10 },
      { text: 'docker-compose --file=deploy/stack.yml -p shop pull', line: 20 },
    ]);
    assert.deepEqual(found.composeChains, [
      { line: 11, files: ['compose.yaml', 'compose.prod.yaml'] },
      { line: 20, files: ['deploy/stack.yml'] },
    ]);
  });

  it('reads docker build with -f, --target, tags and context; the context Dockerfile by default', () => {
    const found = commandsIn([
      { text: 'docker build -f web/Dockerfile --target production -t acme/web:1 --build-arg X=1 web', line: 0 },
      { text: 'docker buildx build --platform linux/amd64 --tag=acme/api:2 ./api/', line: 1 },
    ]);
    assert.deepEqual(found.imageBuilds, [
      { line: 0, dockerfile: 'web/Dockerfile', target: 'production', tags: ['acme/web:1'] },
      { line: 1, dockerfile: './api/Dockerfile', tags: ['acme/api:2'] },
    ]);
  });

  it('reads the files `docker stack deploy -c` sends to Swarm', () => {
    const found = commandsIn([{ text: 'docker stack deploy --with-registry-auth -c stack.yml -c stack.prod.yml shop', line: 3 }]);
    assert.deepEqual(found.stackChains, [{ line: 3, files: ['stack.yml', 'stack.prod.yml'] }]);
    assert.deepEqual(commandsIn([{ text: 'docker stack ls', line: 0 }]).stackChains, []);
  });

  it('reads kubectl apply/create with a namespace given on the command line, and nothing else', () => {
    const found = commandsIn([
      {
        text: [
          'kubectl apply -n $NAMESPACE -f ./kubernetes-manifests',
          'kubectl --context prod create --namespace=shop -f a.yaml -f b.yaml',
          'kubectl -n shop apply -k overlays/production',
          'kubectl apply -f ./quickstart',
          'kubectl -n shop get pods',
          'echo kubectl apply -n shop -f x.yaml',
          'kubectl apply -n shop -f $MANIFESTS',
        ].join('\n'),
        line: 10,
      },
    ]);
    assert.deepEqual(found.namespacedApplies, [
      { line: 10, namespace: '$NAMESPACE', files: ['./kubernetes-manifests'] },
      { line: 11, namespace: 'shop', files: ['a.yaml', 'b.yaml'] },
      { line: 12, namespace: 'shop', files: ['overlays/production'] },
    ]);
    assert.equal(commandsIn([{ text: 'kubectl apply -f k8s/', line: 0 }]).namespacedApplies, undefined);
  });

  it("reads a README's code blocks as scripts (prompted lines only, when there are prompts)", () => {
    const readme =
      '# Deploy\n\n```console\n$ kubectl apply -n bank -f ./manifests\ndeployment.apps/x created\n```\n\n```\nkubectl apply -n other -f y.yaml\n```\n';
    const [digest] = supportFileDigests('/repo/extras/README.md', readme);
    assert.ok(digest?.type === 'commands');
    assert.deepEqual(digest.namespacedApplies, [
      { line: 3, namespace: 'bank', files: ['./manifests'] },
      { line: 8, namespace: 'other', files: ['y.yaml'] },
    ]);
  });

  it('leaves out what is not literal or not a command: expansions, echoed text, quoted words', () => {
    const found = commandsIn([
      { text: 'echo docker build -f x .\ndocker compose -f "$COMPOSE_FILE" up\nprintf "docker compose -f a.yml up"', line: 0 },
      { text: 'docker build -f $DOCKERFILE .', line: 5 },
    ]);
    assert.deepEqual(found.composeChains, []);
    assert.deepEqual(found.imageBuilds, [{ line: 5, tags: [] }]);
  });
});

describe('supportFileDigests: files that link others', () => {
  it('reads Makefile recipes (prefixes and continuations) and package.json scripts', () => {
    const make = supportFileDigests(
      '/repo/Makefile',
      'deploy:\n\t@docker compose \\\n\t  -f compose.yaml -f compose.prod.yaml up -d\nnot-a-recipe: docker build .\n',
    );
    assert.deepEqual(make, [
      {
        type: 'commands',
        path: '/repo/Makefile',
        composeChains: [{ line: 1, files: ['compose.yaml', 'compose.prod.yaml'] }],
        imageBuilds: [],
        stackChains: [],
      },
    ]);
    const pkg = supportFileDigests(
      '/repo/package.json',
      JSON.stringify({ scripts: { image: 'docker build --target runtime .' } }, null, 2),
    );
    assert.deepEqual(pkg, [
      { type: 'code', path: '/repo/package.json' },
      {
        type: 'commands',
        path: '/repo/package.json',
        composeChains: [],
        imageBuilds: [{ line: 2, dockerfile: './Dockerfile', target: 'runtime', tags: [] }],
        stackChains: [],
      },
    ]);
  });

  it('reads a kustomization: resources, patches (files only, not inline patches), namespace, replicas and pinned images', () => {
    const text = [
      'namespace: prod',
      'resources: [../../base, hpa.yaml, https://example.com/remote.yaml]',
      'patches:',
      '  - path: replicas.yaml',
      '  - patch: |-',
      '      - op: replace',
      'patchesStrategicMerge: [memory.yaml]',
      'replicas: [{ name: web, count: 3 }]',
      'images: [{ name: ghcr.io/acme/web, newTag: "1.2.3" }, { name: redis, newTag: latest }]',
      'commonLabels: { team: web }',
    ].join('\n');
    assert.deepEqual(supportFileDigests('/repo/deploy/prod/kustomization.yaml', text), [
      {
        type: 'kustomization',
        path: '/repo/deploy/prod/kustomization.yaml',
        resources: ['../../base', 'hpa.yaml'],
        patches: ['memory.yaml', 'replicas.yaml'],
        namespace: 'prod',
        pinnedImages: ['ghcr.io/acme/web'],
        replicas: { web: 3 },
        // What it builds does not look like its files (Services and autoscalers are not judged through it).
        rewrites: ['commonLabels', 'remote resources'],
      },
    ]);
  });

  it('notes a .dockerignore, and a Dockerfile’s own one, without reading them', () => {
    assert.deepEqual(supportFileDigests('/repo/api/.dockerignore', '.git\n'), [{ type: 'dockerignore', path: '/repo/api/.dockerignore' }]);
    assert.deepEqual(supportFileDigests('/repo/docker/web.Dockerfile.dockerignore', ''), [
      { type: 'dockerignore', path: '/repo/docker/web.Dockerfile.dockerignore' },
    ]);
  });

  it('gives nothing for files that link nothing', () => {
    assert.deepEqual(supportFileDigests('/repo/scripts/lint.sh', 'npm run lint\n'), []);
    assert.deepEqual(supportFileDigests('/repo/README.md', 'docker compose -f x.yml up'), []);
    assert.deepEqual(
      supportFileDigests('/repo/package.json', '{ not json'),
      [{ type: 'code', path: '/repo/package.json' }],
      'code, even unreadable',
    );
    assert.deepEqual(supportFileDigests('/repo/src/Api/Api.csproj', '<Project />'), [{ type: 'code', path: '/repo/src/Api/Api.csproj' }]);
  });
});
