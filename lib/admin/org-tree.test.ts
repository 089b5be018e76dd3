import { describe, expect, it } from 'vitest';
import { ORG_CODE_PATTERN, expectedPath, isInSubtree, orderOrgTree, pathIds, pathProblems } from './org-tree';

const rows = [
  { id: 3, code: 'SFS-ZR', name: '自然资源', parentId: 1, path: '/1/3/' },
  { id: 1, code: 'SFS', name: '市政府办', parentId: null, path: '/1/' },
  { id: 2, code: 'SFS-JY', name: '教育局', parentId: 1, path: '/1/2/' },
  { id: 4, code: 'SFS-JY-A', name: '教育局某科', parentId: 2, path: '/1/2/4/' },
];

describe('org tree', () => {
  it('orders parents before children, siblings by code, with depth', () => {
    expect(orderOrgTree(rows).map((r) => [r.code, r.depth])).toEqual([
      ['SFS', 0],
      ['SFS-JY', 1],
      ['SFS-JY-A', 2],
      ['SFS-ZR', 1],
    ]);
  });

  it('shows an organisation whose parent is outside the list as a root', () => {
    expect(orderOrgTree(rows.filter((r) => r.id !== 1)).map((r) => [r.code, r.depth])).toEqual([
      ['SFS-JY', 0],
      ['SFS-JY-A', 1],
      ['SFS-ZR', 0],
    ]);
  });

  it('computes and checks materialised paths', () => {
    expect(expectedPath(null, 7)).toBe('/7/');
    expect(expectedPath('/1/2/', 7)).toBe('/1/2/7/');
    expect(pathProblems(rows)).toEqual([]);
    expect(pathProblems([...rows, { id: 5, code: 'X', name: 'x', parentId: 2, path: '/1/5/' }])).toEqual([
      { id: 5, code: 'X', path: '/1/5/', expected: '/1/2/5/' },
    ]);
    expect(pathIds('/1/2/4/')).toEqual([1, 2, 4]);
    expect(isInSubtree('/1/2/4/', '/1/2/')).toBe(true);
    expect(isInSubtree('/1/22/', '/1/2/')).toBe(false);
  });

  it('accepts codes like SFS-JY and rejects others', () => {
    expect(ORG_CODE_PATTERN.test('SFS-JY')).toBe(true);
    expect(ORG_CODE_PATTERN.test('-X')).toBe(false);
    expect(ORG_CODE_PATTERN.test('教育局')).toBe(false);
  });
});
