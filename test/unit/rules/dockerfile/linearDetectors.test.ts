import * as assert from 'node:assert/strict';
import { findingsOf } from './fixtureSupport';

/** Issue 10, item 8: 28k RUN lines took 141 s (every RUN rescanned the RUNs before it). */
describe('Dockerfile rules: detectors stay linear on huge Dockerfiles', () => {
  it('docker/apt-no-install-recommends over 20k RUN lines ends well within a deadline, with its findings', function () {
    this.timeout(120000);
    const runs = Array.from({ length: 20000 }, (_, i) => `RUN apt-get install -y pkg${i}`).join('\n');
    const started = Date.now();
    const findings = findingsOf(`FROM debian:12\n${runs}\n`, 'docker/apt-no-install-recommends');
    const elapsed = Date.now() - started;
    assert.equal(findings.length, 20000);
    // Before the fix: ~70 s here (quadratic); now a few seconds. Generous for a loaded 2-core machine.
    assert.ok(elapsed < 40000, `took ${elapsed} ms`);
  });

  it('an apt.conf setting written by an earlier RUN still switches the rule off for the RUNs after it', () => {
    const text =
      'FROM debian:12\nRUN apt-get install -y a\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y b\n';
    const findings = findingsOf(text, 'docker/apt-no-install-recommends');
    assert.deepEqual(
      findings.map((finding) => finding.range.start.line),
      [1],
    );
  });
});
