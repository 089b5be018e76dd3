/**
 * Fixtures for the integration tests of lib/cases, lib/documents, lib/notifications and lib/attachments
 * (not imported by application code). Every call makes its own organisations and users with random codes,
 * so test files share one database without seeing each other's rows.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import type { Actor } from '@/lib/cases/actor';
import { seedCalendar } from '@/lib/calendar/load-calendar';
import type { Role } from '@/lib/cases/workflow';

export function ensureTestEncryptionKey(): void {
  process.env.GONGKAI_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
}

let calendarSeeded = false;
export async function ensureCalendar(): Promise<void> {
  if (calendarSeeded) return;
  await db.$transaction((tx) => seedCalendar(tx), { timeout: 60_000 });
  calendarSeeded = true;
}

/** A Chinese-time instant on a calendar day (10:00 Beijing time unless given). */
export function at(date: string, time = '10:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export interface OrgTree {
  root: { id: number; path: string; docPrefix: string; name: string };
  dept: { id: number; path: string; docPrefix: string; name: string };
  sibling: { id: number; path: string; docPrefix: string; name: string };
}

async function createOrg(name: string, parent: { id: number; path: string } | null, kind: 'government_office' | 'department') {
  const suffix = randomBytes(4).toString('hex');
  const docPrefix = `测${suffix}`;
  const org = await db.organisation.create({
    data: { code: `T-${suffix}`, name: `${name}${suffix}`, docPrefix, kind, parentId: parent?.id ?? null, path: 'pending' },
  });
  const path = `${parent?.path ?? '/'}${org.id}/`;
  await db.organisation.update({ where: { id: org.id }, data: { path } });
  return { id: org.id, path, docPrefix, name: org.name };
}

/** 示范市人民政府办公室 (root) with two departments: `dept` (where cases go) and `sibling` (out of scope). */
export async function createOrgTree(): Promise<OrgTree> {
  const root = await createOrg('示范市人民政府办公室', null, 'government_office');
  const dept = await createOrg('示范市交通运输局', root, 'department');
  const sibling = await createOrg('示范市教育局', root, 'department');
  return { root, dept, sibling };
}

export async function createActor(role: Role, org: { id: number; path: string } | null, name: string = role): Promise<Actor> {
  ensureTestEncryptionKey();
  const user = await db.user.create({
    data: {
      role,
      name: `${name}-${randomBytes(3).toString('hex')}`,
      ...userIdentifierData(`${randomUUID()}@test.invalid`),
      passwordHash: 'x',
      orgId: org?.id ?? null,
    },
    select: { id: true },
  });
  return { id: user.id, role, orgId: org?.id ?? null, orgPath: org?.path ?? null };
}

/** The people of a case integration test (createCaseCast). */
export interface CaseCast {
  orgs: OrgTree;
  /** A clerk and a reviewer of `orgs.dept`, where the cases go. */
  clerk: Actor;
  reviewer: Actor;
  /** Staff of `orgs.sibling`: outside the dept's scope. */
  outsider: Actor;
  admin: Actor;
}

/**
 * The set-up most case integration tests share (correct-case, other-closure, work-queue, load-case-extras…):
 * the encryption key and calendar, a fresh organisation tree (createOrgTree), a clerk and a reviewer of its
 * `dept`, a clerk or reviewer of `sibling` (`outsiderRole`, default reviewer) and an admin. `names` gives
 * their display names (default: the role).
 */
export async function createCaseCast(
  opts: { outsiderRole?: 'clerk' | 'reviewer'; names?: Partial<Record<'clerk' | 'reviewer' | 'outsider' | 'admin', string>> } = {},
): Promise<CaseCast> {
  ensureTestEncryptionKey();
  await ensureCalendar();
  const orgs = await createOrgTree();
  const outsiderRole = opts.outsiderRole ?? 'reviewer';
  const names = opts.names ?? {};
  const clerk = await createActor('clerk', orgs.dept, names.clerk);
  const reviewer = await createActor('reviewer', orgs.dept, names.reviewer);
  const outsider = await createActor(outsiderRole, orgs.sibling, names.outsider ?? outsiderRole);
  const admin = await createActor('admin', null, names.admin);
  return { orgs, clerk, reviewer, outsider, admin };
}

export function submissionKey(): string {
  return `k-${randomUUID()}`;
}

export const LETTER = {
  applicantType: 'natural_person',
  applicantName: '张三',
  idDocType: 'resident_id',
  idNumber: '11010519491231002X',
  mobile: '13800138000',
  email: 'zhangsan@example.cn',
  postalAddress: '示范市人民路1号',
  postalCode: '100000',
  description: '2025年示范市公交线路调整的批复文件',
  requestedForm: 'paper',
  deliveryMethod: 'post',
} as const;

export const PORTAL_FORM = {
  applicantType: 'natural_person',
  applicantName: '李四',
  idDocType: 'resident_id',
  idNumber: '11010519491231002X',
  mobile: '13900139000',
  email: 'lisi@example.cn',
  description: '示范市2025年道路维修资金使用情况',
  requestedForm: 'electronic',
  deliveryMethod: 'online_download',
} as const;
