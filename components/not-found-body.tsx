import type { HeaderLink } from './signed-in-controls';

/** The 404 page's body, texts translated by the caller: app/not-found.tsx (`link` = next/link) and the Pages Router's staff frame (components/staff/staff-page.tsx). */
export function NotFoundBody({ message, home, link: Link = 'a' }: { message: string; home: string; link?: HeaderLink | 'a' }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="page-title" data-testid="not-found">
        404
      </h1>
      <p className="mb-6 text-slate-700">{message}</p>
      <Link className="link" href="/">
        {home}
      </Link>
    </main>
  );
}
