import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/cases/actor';
import { createActor, createOrgTree, type OrgTree } from '@/lib/cases/int-fixtures';
import { cleanSearchQuery, containsPattern, organisationOption, searchOrganisations } from '@/lib/portal/org-search';
import { searchStaffInScope, staffMemberInScope } from './directory';

/**
 * On-demand pickers (issue 13): the application form's agency search (every organisation) and the staff
 * list's organisation and clerk filters (the actor's subtree only — a clerk never sees another subtree).
 */
let orgs: OrgTree;
let deptClerk: Actor;
let siblingClerk: Actor;
let rootClerk: Actor;
let applicant: Actor;

beforeAll(async () => {
  orgs = await createOrgTree();
  deptClerk = await createActor('clerk', orgs.dept, '交通经办');
  siblingClerk = await createActor('clerk', orgs.sibling, '教育经办');
  rootClerk = await createActor('reviewer', orgs.root, '办公室审核');
  applicant = await createActor('applicant', null, '申请人');
});

describe('searchOrganisations', () => {
  it('finds organisations by part of the name, with their ancestors as context', async () => {
    const suffix = orgs.dept.name.slice(-8);
    const { items } = await searchOrganisations({ q: `交通运输局${suffix}`, scopePath: null });
    expect(items).toEqual([{ id: orgs.dept.id, name: orgs.dept.name, context: [orgs.root.name] }]);
  });

  it('ignores spaces, case and control characters; % and _ match only themselves', async () => {
    const suffix = orgs.sibling.name.slice(-8).toUpperCase();
    expect((await searchOrganisations({ q: ` 教育 局\u0000${suffix} `, scopePath: null })).items.map((o) => o.id)).toEqual([orgs.sibling.id]);
    expect((await searchOrganisations({ q: '%', scopePath: orgs.root.path })).items).toEqual([]);
    expect((await searchOrganisations({ q: '_', scopePath: orgs.root.path })).items).toEqual([]);
    expect(containsPattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
    expect(cleanSearchQuery('x'.repeat(500))).toHaveLength(50);
  });

  it('keeps to the scope: a subtree sees itself and below, never a sibling', async () => {
    const inDept = await searchOrganisations({ q: '', scopePath: orgs.dept.path });
    expect(inDept.items.map((o) => o.id)).toEqual([orgs.dept.id]);
    const suffix = orgs.sibling.name.slice(-8);
    expect((await searchOrganisations({ q: suffix, scopePath: orgs.dept.path })).items).toEqual([]);
    const inRoot = await searchOrganisations({ q: '', scopePath: orgs.root.path });
    expect(inRoot.items.map((o) => o.id).sort()).toEqual([orgs.root.id, orgs.dept.id, orgs.sibling.id].sort());
    expect(inRoot.items[0].id).toBe(orgs.root.id); // nearest the root first
  });

  it('adds the organisation code only when asked (the report pages submit codes)', async () => {
    const plain = await searchOrganisations({ q: '', scopePath: orgs.dept.path });
    expect(plain.items.every((o) => o.code === undefined)).toBe(true);
    const withCode = await searchOrganisations({ q: '', scopePath: orgs.dept.path, withCode: true });
    const dept = await db.organisation.findUniqueOrThrow({ where: { id: orgs.dept.id }, select: { code: true } });
    expect(withCode.items.find((o) => o.id === orgs.dept.id)?.code).toBe(dept.code);
    expect(withCode.items.map((o) => o.id)).toEqual(plain.items.map((o) => o.id));
  });

  it('cuts the list at the limit and says so', async () => {
    const page = await searchOrganisations({ q: '', scopePath: orgs.root.path, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.more).toBe(true);
  });

  it('resolves a chosen organisation only inside the scope', async () => {
    expect(await organisationOption(orgs.dept.id, orgs.root.path)).toEqual({ id: orgs.dept.id, name: orgs.dept.name, context: [orgs.root.name] });
    expect(await organisationOption(orgs.sibling.id, orgs.dept.path)).toBeNull();
    expect(await organisationOption(-1, null)).toBeNull();
    expect(await organisationOption(Number.MAX_SAFE_INTEGER, null)).toBeNull();
  });
});

describe('clerk picker', () => {
  it('lists the clerks and reviewers of the actor’s subtree only', async () => {
    const asRoot = await searchStaffInScope(rootClerk, '经办');
    const ids = asRoot.items.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([deptClerk.id, siblingClerk.id]));
    const asDept = await searchStaffInScope(deptClerk, '');
    expect(asDept.items.map((m) => m.id)).toContain(deptClerk.id);
    expect(asDept.items.map((m) => m.id)).not.toContain(siblingClerk.id);
    expect(asDept.items.map((m) => m.id)).not.toContain(rootClerk.id);
  });

  it('finds a clerk by the organisation’s name too', async () => {
    const suffix = orgs.sibling.name.slice(-8);
    const found = await searchStaffInScope(rootClerk, suffix);
    expect(found.items.map((m) => m.id)).toEqual([siblingClerk.id]);
    expect(found.items[0]).toMatchObject({ role: 'clerk', orgName: orgs.sibling.name });
  });

  it('gives nothing to an applicant and never resolves an out-of-scope or malformed id', async () => {
    expect((await searchStaffInScope(applicant, '')).items).toEqual([]);
    expect(await staffMemberInScope(deptClerk, siblingClerk.id)).toBeNull();
    expect(await staffMemberInScope(deptClerk, "x' OR 1=1")).toBeNull();
    expect(await staffMemberInScope(rootClerk, deptClerk.id)).toMatchObject({ id: deptClerk.id, role: 'clerk' });
  });

  it('leaves deactivated staff out of the search', async () => {
    await db.user.update({ where: { id: siblingClerk.id }, data: { isActive: false } });
    expect((await searchStaffInScope(rootClerk, orgs.sibling.name.slice(-8))).items).toEqual([]);
    await db.user.update({ where: { id: siblingClerk.id }, data: { isActive: true } });
  });
});
