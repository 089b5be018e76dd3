import type { GetServerSideProps } from 'next';

/**
 * The staff pages' own render, as their Pages Router modules hand it to lib/staff-pages/fast-document.ts
 * (see there): the page's getServerSideProps and a function rendering the page's body to a string with the
 * page module's own React (`renderToString`). A page registers itself from its getServerSideProps, so that
 * neither the registration nor react-dom/server reaches the browser's bundle (Next.js removes
 * getServerSideProps and what only it uses from the client build). Shared through globalThis: the page
 * modules and our HTTP server's front door are bundled apart.
 */
export interface FastPage {
  getServerSideProps: GetServerSideProps;
  /** The page's body (what Next writes inside `<div id="__next">`) for its props. */
  render: (props: Record<string, unknown>) => string;
}

const KEY = Symbol.for('gongkai.fastPages');
const registry = globalThis as unknown as { [KEY]?: Map<string, FastPage> };

export function registerFastPage<P extends object>(pathname: string, page: { getServerSideProps: GetServerSideProps<P>; render: (props: P) => string }): void {
  (registry[KEY] ??= new Map()).set(pathname, page as unknown as FastPage);
}

export function registeredFastPage(pathname: string): FastPage | undefined {
  return registry[KEY]?.get(pathname);
}
