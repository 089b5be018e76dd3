/**
 * The request's CSP nonce on React's form-replay script in the Pages Router's documents.
 *
 * For a `<form action={fn}>` (the application form on /apply) react-dom's server renderer writes an inline
 * script that catches submissions made before hydration and hands them to React once it hydrates. It writes
 * the nonce only when the render is given one, and Next.js renders Pages Router pages without stream options
 * (next/dist/server/render.js `renderShell`: no nonce, unlike the App Router, which reads it from the CSP
 * request header): our policy ('strict-dynamic', no 'unsafe-inline') then refused the script, and a form
 * submitted before hydration was lost. pages/_document.tsx passes the rendered body through
 * `withFormReplayNonce`, which puts the nonce on exactly that script.
 *
 * The script's markup is not copied from React's source: it is taken from what the installed react-dom
 * writes for such a form, with and without a nonce (the same renderer Next uses for pages,
 * next/dist/server/ReactDOMServerPages), so a React upgrade that changes the script changes both. Only that
 * exact element gains the nonce; any other inline script stays without one (and stays blocked).
 */
import { createElement } from 'react';
import { renderToReadableStream } from 'react-dom/server.edge';

const PLACEHOLDER = 'GONGKAINONCEPLACEHOLDER';

interface ReplayScript {
  /** The script element as React writes it without a nonce. */
  plain: string;
  /** The same element with the placeholder nonce. */
  nonced: string;
}

let markup: Promise<ReplayScript | null> | null = null;

async function render(nonce?: string): Promise<string> {
  const stream = await renderToReadableStream(createElement('div', null, createElement('form', { action: () => undefined })), nonce ? { nonce } : undefined);
  await stream.allReady;
  return new Response(stream).text();
}

/** The script from a render of a form with an action: from its `<script` to the end of the output. */
async function deriveReplayScript(): Promise<ReplayScript | null> {
  const [plainHtml, noncedHtml] = await Promise.all([render(), render(PLACEHOLDER)]);
  const plain = plainHtml.slice(plainHtml.indexOf('<script'));
  const nonced = noncedHtml.slice(noncedHtml.indexOf('<script'));
  // No script (a React that replays differently) or no nonce on it: nothing to do.
  if (!plain.startsWith('<script') || !nonced.includes(PLACEHOLDER)) return null;
  return { plain, nonced };
}

/** React's form-replay script element, with and without a nonce, derived once per process. */
export function formReplayScript(): Promise<ReplayScript | null> {
  markup ??= deriveReplayScript();
  return markup;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `html` with React's form-replay script carrying `nonce` (unchanged when it has no such script). */
export async function withFormReplayNonce(html: string, nonce: string): Promise<string> {
  const script = await formReplayScript();
  if (!script) return html;
  const at = html.indexOf(script.plain);
  if (at < 0) return html;
  return html.slice(0, at) + script.nonced.replace(PLACEHOLDER, escapeAttribute(nonce)) + html.slice(at + script.plain.length);
}
