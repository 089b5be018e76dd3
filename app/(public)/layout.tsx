import { SiteHeader } from '@/components/site-header';
import { getActor } from '@/lib/auth/session';
import { portalNav } from '@/lib/portal/portal-nav';

/**
 * Citizen portal: public pages plus "my applications". The home page, /apply and /track are Pages Router
 * pages with the same header (pages/, components/portal/portal-page.tsx; docs/decisions.md).
 */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getActor();
  return (
    <>
      <SiteHeader nav={portalNav(user?.role ?? null)} user={user} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
