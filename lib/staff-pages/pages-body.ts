import { createElement, Fragment, type ReactElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';

const Noop = () => null;
const Pass = ({ children }: { children: ReactNode }) => children;

/**
 * A Pages page's body as Next's renderer writes it inside `<div id="__next">` (lib/staff-pages/fast-document.ts),
 * with React's synchronous `renderToString`. The page sits in the same shape of tree as Next puts it in
 * (next/dist/server/render.js `AppContainerWithIsomorphicFiberStructure`: a fragment of a Noop and the app
 * container, which holds a fragment of the page and a Noop), because `useId` numbers by that shape: the ids
 * must be those the browser's hydration computes. Context providers and the `_app` component, which render
 * one child each, do not change it. Server only: imported from getServerSideProps.
 */
export function pagesBody(page: ReactElement): string {
  return renderToString(createElement(Fragment, null, createElement(Noop), createElement(Pass, null, createElement(Fragment, null, page, createElement(Noop)))));
}
