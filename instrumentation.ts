/**
 * Runs once in every server process before it serves a request (Next.js instrumentation hook). It hands the
 * staff pages of the Pages Router their server side (lib/staff-pages/registry.ts: a Pages page may not import
 * `server-only` modules; this hook may), and scripts/server.mjs the front door that does proxy.ts's work for
 * page requests before Next.js (lib/security/front-door.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { provideStaffPages } = await import('@/lib/staff-pages/server');
  provideStaffPages();
  const { frontDoor, FRONT_DOOR_KEY } = await import('@/lib/security/front-door');
  (globalThis as unknown as Record<symbol, unknown>)[FRONT_DOOR_KEY] = frontDoor;
}
