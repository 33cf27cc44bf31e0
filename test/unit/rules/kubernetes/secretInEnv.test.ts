import { strict as assert } from 'node:assert';
import { analyzeKubernetes } from '../../../../src/core/rules/kubernetes/analyzeKubernetes';
import { fixture, positionsOf } from '../compose/fixChecks';

/** k8s/secret-in-env: literal secrets and passwords inside URLs in container env and ConfigMaps. */

const id = 'k8s/secret-in-env';
const findingsOf = (text: string) => analyzeKubernetes(text, { rethrow: true }).findings.filter((f) => f.ruleId === id);

describe('k8s/secret-in-env', () => {
  it('flags literal secrets by name and passwords inside URLs, in init containers, containers and ConfigMaps', () => {
    const text = fixture('kubernetes', 'secret-in-env/bad-literal.yaml');
    // migrate's URL, DB_PASSWORD, STRIPE_API_KEY (a default still runs), AMQP_ADDR, CACHE_URL (empty user), SESSION_SECRET.
    assert.deepEqual(positionsOf(findingsOf(text), id), ['23:21', '31:21', '33:21', '35:21', '43:13', '44:18']);
    const messages = findingsOf(text).map((finding) => finding.message ?? '');
    assert.match(
      messages[0],
      /"MIGRATE_URL" of container "migrate" of Deployment "shop-api" holds a password inside a URL \(postgres:\/\/migrator:\*\*\*@…\)/,
    );
    assert.ok(!messages.some((message) => message.includes('m1gr4te') || message.includes('hunter2')), 'messages never repeat a password');
    assert.match(messages[1], /"DB_PASSWORD" of container "api" of Deployment "shop-api" is a literal secret/);
    assert.match(messages[5], /"SESSION_SECRET" of ConfigMap "shop-api-config"/);
  });

  it('is quiet on Secret references, $(VAR) expansions, empty values, fill-in slots and URLs without a password (Helm-rendered chart)', () => {
    assert.deepEqual(findingsOf(fixture('kubernetes', 'secret-in-env/good-referenced.yaml')), []);
  });

  it('reads the list form of a kubectl export and keeps flow-style env', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata: {name: debug}',
      '    spec:',
      '      containers:',
      '        - {name: sh, image: "busybox:1.36", env: [{name: API_TOKEN, value: tok_live_123}]}',
      '',
    ].join('\n');
    assert.deepEqual(positionsOf(findingsOf(text), id), ['9:75']);
  });
});
