// The CLI's readable output format: aligned columns, and text that cannot garble a terminal.
import { describe, expect, it } from 'vitest';
import { formatFields, formatTable, printable } from '../../src/cli/table';

describe('formatTable', () => {
  it('pads every column to its widest cell, without trailing spaces', () => {
    expect(formatTable(['ENDPOINT', 'COUNT'], [['/v1/predict', '31'], ['/v1/models', '7']])).toBe(
      'ENDPOINT     COUNT\n/v1/predict  31\n/v1/models   7\n',
    );
  });

  it('a header with no rows is still a table', () => {
    expect(formatTable(['A', 'B'], [])).toBe('A  B\n');
  });
});

describe('formatFields', () => {
  it('aligns the values after the labels', () => {
    expect(formatFields([['Name', 'My First Key'], ['Service', 'prediction']])).toBe('Name:     My First Key\nService:  prediction\n');
  });
});

describe('printable', () => {
  it('shows control characters escaped, so a key name cannot fake lines or move the cursor', () => {
    expect(printable('evil\nname\u001b[2J')).toBe('evil\\nname\\u001b[2J');
    expect(formatFields([['Name', 'a\rb']])).toBe('Name:  a\\rb\n');
  });

  it('leaves ordinary text, including non-ASCII, as is', () => {
    expect(printable('Clé de test – 北斎')).toBe('Clé de test – 北斎');
  });
});
