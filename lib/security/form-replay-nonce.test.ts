import { createElement, useActionState } from 'react';
import { renderToReadableStream } from 'react-dom/server.edge';
import { describe, expect, it } from 'vitest';
import { formReplayScript, withFormReplayNonce } from './form-replay-nonce';

/**
 * React's form-replay script in the Pages Router's documents (lib/security/form-replay-nonce.ts). Bug guarded
 * against: /apply's inline script written without the CSP nonce (Next.js renders pages without one), so the
 * browser refused it and a form submitted before hydration was lost. The rewritten document must be exactly
 * what React writes when it is given the nonce, for the react-dom installed, and nothing else may gain it.
 */

/** A page body as Next's Pages renderer makes it: renderToReadableStream of the tree, with or without options. */
async function render(nonce?: string): Promise<string> {
  function Form() {
    const [, action] = useActionState(async (n: number) => n + 1, 0);
    return createElement('form', { action }, createElement('input', { name: 'description' }), createElement('button', { type: 'submit' }, '提交'));
  }
  const stream = await renderToReadableStream(createElement('div', { id: '__next' }, createElement('main', null, createElement(Form))), nonce ? { nonce } : undefined);
  await stream.allReady;
  return new Response(stream).text();
}

const unnoncedScripts = (html: string) => html.match(/<script(?![^>]*\snonce=)[^>]*>/g) ?? [];

describe('withFormReplayNonce', () => {
  it('writes the document React writes when the render is given the nonce', async () => {
    const plain = await render();
    expect(unnoncedScripts(plain)).toHaveLength(1); // the case the fix is for: React's script without a nonce
    const nonce = 'q2Jw+8/Zx0vT1nYl3k9aBQ==';
    expect(await withFormReplayNonce(plain, nonce)).toBe(await render(nonce));
    expect(unnoncedScripts(await withFormReplayNonce(plain, nonce))).toEqual([]);
  });

  it('derives the script from the installed react-dom: a submit listener that queues the form for replay', async () => {
    const script = await formReplayScript();
    expect(script).not.toBeNull();
    expect(script!.plain).toMatch(/^<script>[^<]*\$\$reactFormReplay[^<]*<\/script>$/);
    expect(await render()).toContain(script!.plain);
  });

  it('leaves a document without such a form, and any other inline script, as they are', async () => {
    const other = '<div id="__next"><p>x</p></div><script>alert(1)</script>';
    expect(await withFormReplayNonce(other, 'abc')).toBe(other);
    const plain = await render();
    const withOther = `${plain}<script>alert(1)</script>`;
    const out = await withFormReplayNonce(withOther, 'abc');
    expect(out.endsWith('<script>alert(1)</script>')).toBe(true);
    expect(unnoncedScripts(out)).toEqual(['<script>']);
  });

  it('escapes the nonce as an attribute value', async () => {
    const out = await withFormReplayNonce(await render(), '"><img src=x onerror=alert(1)>');
    expect(out).toContain('nonce="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(out).not.toContain('<img');
  });
});
