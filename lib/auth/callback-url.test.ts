import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

describe('safeCallbackPath', () => {
  it.each([
    '/\\evil.example/x', // /%5Cevil.example/x after decoding
    '/\t/evil.example/x', // /%09/evil.example/x after decoding
    '/\\\\evil.example/x', // /%5C%5Cevil.example/x
    '/\n/evil.example',
    '//evil.example',
    '///evil.example',
    '\\\\evil.example',
    'https://evil.example/my',
    'https:evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    ' //evil.example',
    '',
  ])('refuses %j', (raw) => {
    expect(safeCallbackPath(raw)).toBe('/');
  });

  it('refuses another origin even with our host in the path, and a non-string', () => {
    expect(safeCallbackPath('https://evil.example/localhost:3000/', 'http://localhost:3000')).toBe('/');
    expect(safeCallbackPath(undefined)).toBe('/');
    expect(safeCallbackPath(['/my'])).toBe('/');
    expect(safeCallbackPath('/' + 'a'.repeat(3000))).toBe('/');
  });

  it('keeps local paths with query and fragment; an absolute URL of our own origin becomes its path', () => {
    expect(safeCallbackPath('/my')).toBe('/my');
    expect(safeCallbackPath('/staff/cases?status=open#top')).toBe('/staff/cases?status=open#top');
    expect(safeCallbackPath('http://localhost:3000/admin/users', 'http://localhost:3000')).toBe('/admin/users');
    // Still encoded: a harmless path on this site.
    expect(safeCallbackPath('/%5Cevil.example/x')).toBe('/%5Cevil.example/x');
    expect(safeCallbackPath('my')).toBe('/my');
    // Scheme-relative to the same scheme: a path on this site, as a browser would read it.
    expect(safeCallbackPath('http:evil.example')).toBe('/evil.example');
  });
});
