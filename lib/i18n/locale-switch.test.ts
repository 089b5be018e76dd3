import vm from 'node:vm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LocaleChoice } from '@/components/locale-choice';
import {
  LOCALE_COOKIE_MAX_AGE,
  LOCALE_SWITCH_ATTRIBUTE,
  LOCALE_SWITCH_PATH,
  LOCALE_SWITCH_SCRIPT,
  localeCookie,
  localeSwitchTarget,
} from './locale-switch';

/**
 * The language switch as a form (lib/i18n/locale-switch.ts, components/locale-choice.tsx, app/api/locale).
 * Bugs guarded against: a choice made before the page hydrated was lost (the switch was a React handler);
 * a way back that leaves the site (open redirect); the inline script and the markup drifting apart (the
 * script looks for the form's marker and its `back` field).
 */

const SITE = 'http://localhost:3000';

describe('localeSwitchTarget', () => {
  it('goes back to the page’s path and query on this site', () => {
    expect(localeSwitchTarget('/staff/cases?overdue=1&sort=due', null, SITE)).toBe('/staff/cases?overdue=1&sort=due');
    expect(localeSwitchTarget('/track?q=申请', null, SITE)).toBe('/track?q=%E7%94%B3%E8%AF%B7');
    expect(localeSwitchTarget(`${SITE}/apply`, null, SITE)).toBe('/apply');
  });

  it('follows the Referer when the form carries no way back (no script), and only on this site', () => {
    expect(localeSwitchTarget('', `${SITE}/staff?x=1`, SITE)).toBe('/staff?x=1');
    expect(localeSwitchTarget(null, `${SITE}/track`, SITE)).toBe('/track');
    expect(localeSwitchTarget('', 'https://evil.example/phish', SITE)).toBe('/');
    expect(localeSwitchTarget('', 'http://localhost:3001/other-port', SITE)).toBe('/');
    expect(localeSwitchTarget('', null, SITE)).toBe('/');
    expect(localeSwitchTarget(undefined, 'http://[not a url', SITE)).toBe('/');
  });

  it.each([
    '//evil.example/x',
    '/\\evil.example/x',
    '/%5Cevil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    `${'/a'.repeat(2000)}`,
  ])('never leaves the site: %s', (back) => {
    const target = localeSwitchTarget(back, `${SITE}/staff`, SITE);
    expect(target.startsWith('/')).toBe(true);
    expect(target).not.toMatch(/^\/[\\/]/);
    expect(new URL(target, SITE).origin).toBe(SITE);
  });

  it('answers an ASCII path (safe for Location) for NUL bytes, line breaks and other characters', () => {
    for (const back of ['/staff\0x', '/staff\r\nSet-Cookie: a=b', '/页面?名=值#片段', '/x"<>\'']) {
      const target = localeSwitchTarget(back, null, SITE);
      expect(target).toMatch(/^\/[\x21-\x7e]*$/);
      expect(target).not.toMatch(/[\r\n\0]/);
    }
    // A non-string value (a file field of the same name) is no way back.
    expect(localeSwitchTarget(new Blob(['/x']), `${SITE}/track`, SITE)).toBe('/track');
  });
});

describe('localeCookie', () => {
  it('is the cookie localeFrom reads, for a year, the whole site, same-site lax; Secure over https', () => {
    expect(localeCookie('en', false)).toBe(
      `NEXT_LOCALE=en; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly`,
    );
    expect(localeCookie('zh-CN', true)).toBe(
      `NEXT_LOCALE=zh-CN; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly; Secure`,
    );
  });
});

/** A document the script can listen on, with forms that record their submission. */
function fakePage(path: string) {
  const listeners: ((e: { target: unknown }) => void)[] = [];
  const submitted: { form: string; back: string }[] = [];
  function form(name: string, marked: boolean) {
    const back = { value: '' };
    const f = {
      hasAttribute: (a: string) => marked && a === LOCALE_SWITCH_ATTRIBUTE,
      elements: { namedItem: (n: string) => (n === 'back' ? back : null) },
      submit: () => submitted.push({ form: name, back: back.value }),
    };
    return { select: { form: f } };
  }
  const [pathname, search] = path.split('?');
  const sandbox = {
    document: {
      addEventListener: (type: string, fn: (e: { target: unknown }) => void) => type === 'change' && listeners.push(fn),
    },
    location: { pathname, search: search ? `?${search}` : '' },
  };
  vm.runInNewContext(LOCALE_SWITCH_SCRIPT, sandbox);
  const change = (target: unknown) => listeners.forEach((fn) => fn({ target }));
  return { form, change, submitted };
}

describe('LOCALE_SWITCH_SCRIPT', () => {
  it('submits the language form on change, with the page’s path and query as the way back; every change again', () => {
    const page = fakePage('/staff/cases?overdue=1');
    const lang = page.form('lang', true);
    page.change(lang.select);
    page.change(lang.select);
    expect(page.submitted).toEqual([
      { form: 'lang', back: '/staff/cases?overdue=1' },
      { form: 'lang', back: '/staff/cases?overdue=1' },
    ]);
  });

  it('leaves every other form and element alone', () => {
    const page = fakePage('/apply');
    page.change(page.form('apply', false).select);
    page.change({ form: null });
    page.change({});
    expect(page.submitted).toEqual([]);
  });
});

describe('LocaleChoice markup', () => {
  const html = renderToStaticMarkup(
    createElement(LocaleChoice, {
      locale: 'en',
      label: '语言',
      submitLabel: '切换',
      options: [
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ],
    }),
  );

  it('is a POST form to the switch route, marked for the script, with the fields the script and the route read', () => {
    const form = html.match(/^<form [^>]*>/)?.[0] ?? '';
    expect(form).toContain(` ${LOCALE_SWITCH_ATTRIBUTE}=""`);
    expect(form).toContain(` action="${LOCALE_SWITCH_PATH}"`);
    expect(form).toContain(' method="post"');
    expect(html).toContain('<input type="hidden" name="back" value=""/>');
    expect(html).toMatch(/<select name="locale" [^>]*autocomplete="off"/i);
    expect(html).toContain('<option value="en" selected="">English</option>');
    // Without script, a button submits it.
    expect(html).toMatch(/<noscript><button type="submit"[^>]*>切换<\/button><\/noscript>/);
  });
});
