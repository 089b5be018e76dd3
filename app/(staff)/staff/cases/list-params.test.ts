import { describe, expect, it } from 'vitest';
import { hasFilters, isAllOpen, listHref, parseListQuery } from './list-params';

describe('case list query string', () => {
  it('parses the dashboard links', () => {
    expect(parseListQuery({ due: '5', sort: 'due' }).filters.dueWithinWorkingDays).toBe(5);
    expect(parseListQuery({ overdue: '1' }).filters.overdue).toBe(true);
    expect(parseListQuery({ status: 'pending_confirmation' }).filters.status).toEqual(['pending_confirmation']);
  });

  it('drops what is not allowed instead of failing', () => {
    const q = parseListQuery({ status: ['in_progress', 'nonsense', ''], channel: 'pigeon', year: '19', due: '-1', clerk: 'x', sort: 'name', cursor: '<script>' });
    expect(q.filters.status).toEqual(['in_progress']);
    expect(q.filters.channel).toBeUndefined();
    expect(q.filters.receiptYear).toBeUndefined();
    expect(q.filters.dueWithinWorkingDays).toBeUndefined();
    expect(q.filters.clerkId).toBeUndefined();
    expect(q.sort).toBe('received');
    expect(q.cursor).toBeNull();
  });

  it('round-trips filters, sort and cursor through the URL', () => {
    const raw = { status: ['in_progress', 'consulting'], org: '4', sub: '1', clerk: 'unassigned', type: 'natural_person', year: '2026', q: 'GK2026', sort: 'due' };
    const q = parseListQuery(raw);
    const href = listHref(q, 'abc_DEF-1');
    const back = parseListQuery(Object.fromEntries([...new URL(href, 'http://x').searchParams.keys()].map((k) => [k, new URL(href, 'http://x').searchParams.getAll(k)])));
    expect(back.filters).toEqual(q.filters);
    expect(back.sort).toBe('due');
    expect(back.cursor).toBe('abc_DEF-1');
    expect(hasFilters(q.filters)).toBe(true);
    expect(hasFilters(parseListQuery({ sub: '1' }).filters)).toBe(false);
    expect(listHref(parseListQuery({}))).toBe('/staff/cases');
  });
});

describe('the register filter "all open"', () => {
  it('status=open is every open status, and goes back into the URL as open', () => {
    const q = parseListQuery({ status: 'open', sort: 'due' });
    expect(q.filters.status).toEqual(['pending_confirmation', 'in_progress', 'awaiting_correction', 'consulting', 'awaiting_fee', 'pending_approval']);
    expect(isAllOpen(q.filters.status)).toBe(true);
    expect(listHref(q)).toBe('/staff/cases?status=open&sort=due');
    expect(isAllOpen(['in_progress'])).toBe(false);
  });
});
