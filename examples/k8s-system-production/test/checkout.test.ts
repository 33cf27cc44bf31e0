import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cartTotal } from '../src/domain/checkout.js';

test('the total is the sum of unit price times quantity', () => {
  assert.equal(cartTotal([{ unitCents: 250, quantity: 2 }, { unitCents: 1000, quantity: 1 }]), 1500);
});

test('an empty cart costs nothing', () => {
  assert.equal(cartTotal([]), 0);
});
