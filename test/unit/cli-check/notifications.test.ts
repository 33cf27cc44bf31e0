import { strict as assert } from 'node:assert';
import { assessWorkspace } from '../../../src/core/evidence/index';
import { checkJson } from '../../../src/cli/checkFormats/json';
import { summarize } from '../../../src/cli/checkFormats/reported';
import { toSarif } from '../../../src/cli/sarif';
import { tree, TreeFileSystem } from '../evidence/support/treeFileSystem';
import { check, workspace } from './support';

const ROOT = '/ws';

/**
 * Issue 10, item 12: a config file that cannot be read (EACCES; simulated, tests run as root) is a
 * tool notification in JSON and SARIF, never a silently smaller report.
 */
describe('check: files the scan could not read are notifications (JSON, SARIF)', () => {
  async function assessment() {
    const fs = new TreeFileSystem(
      tree(ROOT, { '.stage.yml': 'stage: mvp\n', 'compose.yaml': 'services:\n  a:\n    image: redis:7\n', Dockerfile: 'FROM node:20\n' }),
    ).pretendUnreadable(`${ROOT}/compose.yaml`, 'permission denied, EACCES');
    return assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2025-06-01' });
  }

  it('JSON: notifications name the file and the reason', async () => {
    const assessed = await assessment();
    const json = checkJson(ROOT, assessed, summarize(assessed), 'warning', true) as {
      notifications: Array<{ level: string; file: string; message: string }>;
    };
    assert.deepEqual(
      json.notifications.map((notice) => [notice.level, notice.file]),
      [['warning', 'compose.yaml']],
    );
    assert.match(json.notifications[0].message, /permission denied, EACCES/);
  });

  it('SARIF: invocations[0].toolExecutionNotifications with the file as location', async () => {
    const sarif = toSarif(await assessment()) as {
      runs: Array<{
        invocations: Array<{
          executionSuccessful: boolean;
          toolExecutionNotifications: Array<{
            level: string;
            message: { text: string };
            locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
          }>;
        }>;
      }>;
    };
    const notices = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(notices.length, 1);
    assert.equal(notices[0].level, 'warning');
    assert.equal(notices[0].locations[0].physicalLocation.artifactLocation.uri, 'compose.yaml');
    assert.match(notices[0].message.text, /Could not read this file/);
  });

  it('nothing unreadable: no notifications', async () => {
    const fs = new TreeFileSystem(tree(ROOT, { '.stage.yml': 'stage: mvp\n', 'compose.yaml': 'services: {}\n' }));
    const assessed = await assessWorkspace(ROOT, { fs, workspaceRoot: ROOT, today: '2025-06-01' });
    assert.deepEqual((checkJson(ROOT, assessed, summarize(assessed), 'warning', false) as { notifications: unknown[] }).notifications, []);
    const sarif = toSarif(assessed) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: unknown[] }> }> };
    assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications, []);
  });
});

describe('check: a manifest that is not TOML is a located parse problem, not a silent gap', () => {
  it('names the file, its 1-based line and what the parser expected, and fails the check', async () => {
    const root = workspace({
      '.stage.yml': 'stage: mvp\n',
      'Cargo.toml': '[package]\nname = "x"\nthis is not toml\n[dependencies]\naxum = "0.7"\n',
    });
    const run = await check(root, '.', '--format', 'json');
    assert.equal(run.code, 1, run.err);
    const notifications = (JSON.parse(run.out) as { notifications: Array<{ code: string; file: string; line?: number; message: string }> })
      .notifications;
    assert.deepEqual(
      notifications.map(({ code, file, line }) => ({ code, file, line })),
      [{ code: 'parse-problem', file: 'Cargo.toml', line: 3 }],
    );
    assert.match(notifications[0].message, /Could not parse this file: .*\(TOML\)/);
    const clean = await check(
      workspace({ '.stage.yml': 'stage: mvp\n', 'Cargo.toml': '[dependencies]\nserde = {\n  version = "1",\n}\n' }),
      '.',
      '--format',
      'json',
      '--fail-on',
      'none',
    );
    assert.deepEqual((JSON.parse(clean.out) as { notifications: unknown[] }).notifications, []);
  });
});
