const test = require('node:test');
const assert = require('node:assert');

test('orders start empty', () => {
  assert.deepStrictEqual([], []);
});
