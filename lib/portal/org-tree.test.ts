import { describe, expect, it } from 'vitest';
import { filterOrgOptions, flattenOrgTree } from './org-tree';

const rows = [
  { id: 3, name: '示范市公安局', parentId: 1 },
  { id: 1, name: '示范市人民政府办公室', parentId: null },
  { id: 2, name: '示范市教育局', parentId: 1 },
  { id: 4, name: '西山镇人民政府', parentId: 1 },
  { id: 5, name: '西山镇社会事务办', parentId: 4 },
  { id: 9, name: '孤立机构', parentId: 42 },
];

describe('flattenOrgTree', () => {
  it('lists depth-first with depths, parents before children, orphans as roots', () => {
    const flat = flattenOrgTree(rows);
    expect(flat.map((o) => [o.id, o.depth])).toEqual([
      [9, 0],
      [1, 0],
      [3, 1],
      [2, 1],
      [4, 1],
      [5, 2],
    ]);
    expect(flat.find((o) => o.id === 9)?.parentId).toBeNull();
  });

  it('survives a cycle in bad data', () => {
    const flat = flattenOrgTree([
      { id: 1, name: 'a', parentId: 2 },
      { id: 2, name: 'b', parentId: 1 },
    ]);
    expect(flat).toEqual([]);
  });
});

describe('filterOrgOptions', () => {
  const flat = flattenOrgTree(rows);

  it('shows everything for an empty query', () => {
    expect(filterOrgOptions(flat, '  ').visible.size).toBe(flat.length);
  });

  it('shows matches with their ancestors and counts only matches', () => {
    const { visible, matches } = filterOrgOptions(flat, '社会 事务');
    expect(matches).toBe(1);
    expect([...visible].sort()).toEqual([1, 4, 5]);
  });

  it('matches several and none', () => {
    expect(filterOrgOptions(flat, '西山').matches).toBe(2);
    expect(filterOrgOptions(flat, '教育').visible).toEqual(new Set([2, 1]));
    expect(filterOrgOptions(flat, '不存在').matches).toBe(0);
    expect(filterOrgOptions(flat, '不存在').visible.size).toBe(0);
  });
});
