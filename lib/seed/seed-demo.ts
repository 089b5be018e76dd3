import 'server-only';
import { db } from '@/lib/db';
import { hashPassword } from '@/lib/auth/password';
import { userIdentifierData } from '@/lib/privacy/personal-data';
import { DEMO_ACCOUNTS, DEMO_ORGS } from './demo-data';
import { seedCalendar } from '@/lib/calendar/load-calendar';
import { seedDemoCases, type DemoCaseOptions } from './seed-demo-cases';

export { DEMO_ACCOUNTS } from './demo-data';

/** Creates the organisation tree; `path` is the materialised path of ids ("/1/4/"). */
async function seedOrganisations(): Promise<Map<string, { id: number; path: string }>> {
  const byCode = new Map<string, { id: number; path: string }>();
  for (const o of DEMO_ORGS) {
    const parent = o.parent ? byCode.get(o.parent)! : null;
    const created = await db.organisation.create({
      data: {
        code: o.code,
        name: o.name,
        docPrefix: o.docPrefix,
        kind: o.kind,
        parentId: parent?.id ?? null,
        path: 'pending',
        // Letters: each organisation's name as 版头; the remedy bodies set once at the root and inherited.
        letterhead: o.name,
        ...(parent ? {} : { reviewBody: '示范市人民政府', court: '示范市人民法院' }),
      },
    });
    const path = `${parent?.path ?? '/'}${created.id}/`;
    await db.organisation.update({ where: { id: created.id }, data: { path } });
    byCode.set(o.code, { id: created.id, path });
  }
  return byCode;
}

async function seedAccounts(orgs: Map<string, { id: number }>) {
  // One Argon2 hash per distinct password (the demo accounts share the one the README prints), reused by the
  // accounts that have it: the hash carries its own salt, so each verifies as if hashed alone. The accounts are
  // created in order (their ids and creation times keep the list order).
  const distinct = [...new Set(DEMO_ACCOUNTS.map((a) => a.password))];
  const hashes = new Map(await Promise.all(distinct.map(async (p) => [p, await hashPassword(p)] as const)));
  for (const a of DEMO_ACCOUNTS) {
    await db.user.create({
      data: {
        role: a.role,
        name: a.name,
        ...userIdentifierData(a.login),
        passwordHash: hashes.get(a.password)!,
        orgId: a.org ? orgs.get(a.org)!.id : null,
      },
    });
  }
}

/**
 * Seeds the demo city on an empty database (no organisation yet). Returns whether it seeded.
 * Cases are created through the workflow's own functions (lib/seed/seed-demo-cases.ts).
 */
export async function seedIfEmpty(log: (l: string) => void = console.log): Promise<boolean> {
  if ((await db.organisation.count()) > 0) return false;
  await seedDemo(log);
  return true;
}

/**
 * The demo city: organisations, accounts, the working-day calendar and the demo cases (`options`: the seed's
 * today and how many cases, for tests; default today and GONGKAI_DEMO_CASES or 240).
 */
export async function seedDemo(log: (l: string) => void = console.log, options: DemoCaseOptions = {}): Promise<number> {
  log('[seed] first run: creating the demo city 示范市…');
  const t0 = Date.now();
  const seconds = (from: number) => ((Date.now() - from) / 1000).toFixed(1);
  const orgs = await seedOrganisations();
  await seedAccounts(orgs);
  await db.$transaction(async (tx) => seedCalendar(tx));
  const started = Date.now();
  log(`[seed] organisations, accounts and calendar in ${seconds(t0)} s`);
  const n = await seedDemoCases(log, options);
  log(`[seed] ${n} demo cases in ${seconds(started)} s`);
  log(`[seed] done in ${seconds(t0)} s`);
  return n;
}
