import { describe, expect, it } from 'vitest';
import { flatKeys, messagesFor } from './catalogue';
import { APPEAL_ERROR_CODES } from '@/lib/import/appeal-file';
import { IMPORT_ERROR_CODES, IMPORT_MESSAGE_KEYS } from '@/lib/import/case-file-format';
import { CHECK_MESSAGE_KEYS } from '@/lib/statistics/annual-table';
import fs from 'node:fs';
import path from 'node:path';

/** Every message key that lib code can hand to the UI has a text in both languages. */
describe('message keys produced by lib/', () => {
  const zh = new Set(flatKeys(messagesFor('zh-CN')));
  const en = new Set(flatKeys(messagesFor('en')));

  it('covers the import and check message keys', () => {
    const keys = [...IMPORT_ERROR_CODES, ...IMPORT_MESSAGE_KEYS, ...APPEAL_ERROR_CODES, ...CHECK_MESSAGE_KEYS];
    expect(keys.filter((k) => !zh.has(k))).toEqual([]);
    expect(keys.filter((k) => !en.has(k))).toEqual([]);
  });

  it('covers every DomainError key thrown in lib/ with a literal key', () => {
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'generated') walk(p);
        } else if (/\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name)) {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/new DomainError\(\s*'[A-Z_]+',\s*'([a-z][\w.]+)'/g)) found.add(m[1]);
        }
      }
    };
    walk(path.join(process.cwd(), 'lib'));
    expect(found.size).toBeGreaterThan(10);
    const missing = [...found].filter((k) => !zh.has(k) || !en.has(k)).sort();
    expect(missing).toEqual([]);
  });
});
