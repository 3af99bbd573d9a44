// The safety net under every write of the CLI: admin tokens it was given never reach the output.
import { describe, expect, it } from 'vitest';
import { adminTokensIn, scrub } from '../../src/cli/io';

const TOKEN = 'admin-token-0123456789abcdef';

describe('adminTokensIn', () => {
  it('finds the token in HOKUSAI_ADMIN_TOKEN and in --admin-token (both spellings)', () => {
    expect(adminTokensIn([], { HOKUSAI_ADMIN_TOKEN: TOKEN })).toEqual([TOKEN]);
    expect(adminTokensIn(['keys', 'list', '--admin-token', TOKEN], {})).toEqual([TOKEN]);
    expect(adminTokensIn(['keys', 'list', `--admin-token=${TOKEN}`], {})).toEqual([TOKEN]);
  });

  it('ignores values too short to be a token, so ordinary output is not garbled', () => {
    expect(adminTokensIn(['--admin-token', 'true'], { HOKUSAI_ADMIN_TOKEN: '' })).toEqual([]);
  });
});

describe('scrub', () => {
  it('masks every occurrence of every secret', () => {
    expect(scrub(`a ${TOKEN} b ${TOKEN}`, [TOKEN])).toBe('a *** b ***');
    expect(scrub('nothing secret', [TOKEN])).toBe('nothing secret');
  });
});
