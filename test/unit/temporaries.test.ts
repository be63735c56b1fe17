import { expect, it } from 'vitest';
import { forgetTemporary, rememberTemporary, removeTemporaryFiles } from '../../src/io/temporaries.js';

it('a signal removes every temporary still in use, once, and none that was forgotten', () => {
  const removed: string[] = [];
  rememberTemporary('/t/a.tmp', () => removed.push('a'));
  rememberTemporary('/t/spill', () => removed.push('spill'));
  rememberTemporary('/t/renamed.tmp', () => removed.push('renamed'));
  forgetTemporary('/t/renamed.tmp');
  removeTemporaryFiles();
  expect(removed.sort()).toEqual(['a', 'spill']);
  removeTemporaryFiles();
  expect(removed).toHaveLength(2);
});
