import { strict as assert } from 'node:assert';
import { atxHeadingText, withoutHashComment } from '../../../src/core/evidence/readers/lineText';
import { isExactPin } from '../../../src/core/evidence/readers/manifests/requirementsTxt';
import { findUntrustedExpressions } from '../../../src/core/rules/github-actions/untrustedContexts';

const LONG = 200000;

function quickly(run: () => void): void {
  const started = Date.now();
  run();
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
}

describe('evidence: line scans that replaced backtracking regexes (issue 10, item 7)', () => {
  it('withoutHashComment cuts at a "#" at the start or after whitespace only', () => {
    assert.equal(withoutHashComment('flask==2.0  # web'), 'flask==2.0 ');
    assert.equal(withoutHashComment('# all'), '');
    assert.equal(withoutHashComment('url#fragment kept'), 'url#fragment kept');
    quickly(() => assert.equal(withoutHashComment('\t#'.repeat(LONG)), ''));
    quickly(() => withoutHashComment('a#'.repeat(LONG)));
  });

  it('atxHeadingText reads Markdown ATX headings as the regex did', () => {
    assert.equal(atxHeadingText('## Deploy'), 'Deploy');
    assert.equal(atxHeadingText('   # Setup ##  '), 'Setup');
    assert.equal(atxHeadingText('# C# basics'), 'C# basics');
    assert.equal(atxHeadingText('#NoSpace'), undefined);
    assert.equal(atxHeadingText('    # four spaces is code'), undefined);
    assert.equal(atxHeadingText('####### seven'), undefined);
    quickly(() => assert.equal(atxHeadingText(`#\t${'\t'.repeat(LONG)}\u0000${'\t'.repeat(LONG)}`), '\u0000'));
  });

  it('isExactPin accepts what the one-regex version accepted, in linear time', () => {
    for (const pinned of [
      'flask==2.0.1',
      'Flask[async] == 2.0.1',
      'x===1',
      'x==1 ; python_version < "3.11"',
      'x==1 --hash=sha256:abc --hash=sha256:def',
      'x==1; sys_platform == "linux" --hash=sha256:abc',
    ])
      assert.equal(isExactPin(pinned), true, pinned);
    for (const loose of ['flask>=2', 'flask==2.*', 'flask==2,<3', 'flask', 'x==1--hash=sha256:abc', 'x==1 extra'])
      assert.equal(isExactPin(loose), false, loose);
    quickly(() => assert.equal(isExactPin(`s==-\t${'\t'.repeat(LONG)}\t==h`), false));
  });

  it('findUntrustedExpressions finds ${{ … }} with indexOf, also over thousands of unclosed "${{"', () => {
    assert.deepEqual(
      findUntrustedExpressions('echo "${{ github.event.issue.title }}" ${{ github.sha }}').map((found) => found.untrusted),
      ['github.event.issue.title'],
    );
    assert.deepEqual(
      findUntrustedExpressions('${{ github.event.commits[0].message }} ${{ github.event.pages.*.page_name }}').map(
        (found) => found.untrusted,
      ),
      ['github.event.commits[0].message', 'github.event.pages.*.page_name'],
    );
    quickly(() => assert.deepEqual(findUntrustedExpressions('${{ '.repeat(LONG)), []));
  });
});
