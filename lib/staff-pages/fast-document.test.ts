/**
 * lib/staff-pages/fast-document.ts, its pure parts: a Pages document learnt as a template and written again
 * for another request. Bugs guarded against: the request's nonce left in a template (another request's
 * scripts refused, or one request's nonce served to others), a document of another shape taken as a template,
 * `__NEXT_DATA__` written with other keys, order or escaping than Next's, or a request's props not escaped
 * for the script element (a `</script>` in a case's text).
 */
import { describe, expect, it } from 'vitest';
import { htmlEscapeJsonString } from 'next/dist/shared/lib/htmlescape';
import { documentFrom, templateFrom } from './fast-document';

const NONCE = 'AbCdEfGhIjKlMnOpQrStUw==';
const headers: [string, string][] = [['cache-control', 'private, no-cache, no-store, max-age=0, must-revalidate']];

/** A document as Next's Pages renderer writes it, for props, query and body. */
function nextDocument(nonce: string, props: Record<string, unknown>, query: Record<string, unknown>, body: string): string {
  const data = { props: { pageProps: props, __N_SSP: true }, page: '/staff/cases', query, buildId: 'b1', isFallback: false, isExperimentalCompile: false, gssp: true, scriptLoader: [] };
  return (
    `<!DOCTYPE html><html lang="zh-CN"><head><title>公开</title><link nonce="${nonce}" rel="preload" href="/a.css" as="style"/><noscript data-n-css="${nonce}"></noscript>` +
    `<script nonce="${nonce}">document.x=1</script></head><body class="min-h-screen"><div id="__next">${body}</div>` +
    `<script id="__NEXT_DATA__" type="application/json" nonce="${nonce}">${htmlEscapeJsonString(JSON.stringify(data))}</script></body></html>`
  );
}

describe('templateFrom and documentFrom', () => {
  it('learn a document and write it again, byte for byte, for another request, nonce and props', () => {
    const learnt = nextDocument(NONCE, { userName: '科员1', rows: null, count: 3 }, { overdue: '1' }, '<main>甲</main>');
    const t = templateFrom(learnt, NONCE, headers)!;
    expect(t).not.toBeNull();
    expect(documentFrom(t, { userName: '科员1', rows: null, count: 3 }, { overdue: '1' }, '<main>甲</main>', NONCE)).toBe(learnt);
    // No trace of the learning request's nonce or props in what is kept.
    expect(JSON.stringify([t.head, t.dataOpen, t.tail])).not.toContain(NONCE);
    expect(JSON.stringify([t.head, t.dataOpen, t.tail, t.data])).not.toContain('科员1');
    expect(JSON.stringify(t.data)).not.toContain('overdue');
    const other = 'ZZZZEfGhIjKlMnOpQrStUw==';
    const props = { userName: 'x</script><script>alert(1)</script>\u2028&', rows: null, count: 9 };
    const query = { q: ['a', '<b>'], sort: 'due' };
    const written = documentFrom(t, props, query, '<main>乙</main>', other);
    expect(written).toBe(nextDocument(other, props, query, '<main>乙</main>'));
    expect(written).not.toContain('</script><script>alert');
    expect(written.split(other).length - 1).toBe(4);
  });

  it('refuse what is not a Pages document of that shape', () => {
    const good = nextDocument(NONCE, {}, {}, '<p>x</p>');
    expect(templateFrom(good.replace('<div id="__next">', '<div id="main">'), NONCE, headers)).toBeNull();
    expect(templateFrom(good.replace('<script id="__NEXT_DATA__"', '<script id="OTHER"'), NONCE, headers)).toBeNull();
    expect(templateFrom(good.replace('</div><script id="__NEXT_DATA__"', '<script id="__NEXT_DATA__"'), NONCE, headers)).toBeNull();
    expect(templateFrom(good.replace('</body>', `<i>${NONCE}</i></body>`), NONCE, headers)).toBeNull(); // the nonce after the data
    expect(templateFrom(good, '', headers)).toBeNull();
    expect(() => templateFrom(good.replace('"props":{', '"props":{{'), NONCE, headers)).toThrow(SyntaxError);
    expect(templateFrom(good.replace(/"props":\{"pageProps":\{\},"__N_SSP":true\}/, '"props":null'), NONCE, headers)).toBeNull();
    // Fields Next writes only for some requests: such a frame is not everyone's.
    for (const extra of ['"dynamicIds":[1],', '"isPreview":true,', '']) {
      const doc = extra ? good.replace('"buildId"', `${extra}"buildId"`) : good.replace('"scriptLoader":[]', '"scriptLoader":[{"src":"/x.js"}]');
      expect(templateFrom(doc, NONCE, headers), extra || 'scriptLoader').toBeNull();
    }
  });
});
