import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...next,
  ...nextTs,
  {
    ignores: ['lib/generated/**', '.next/**', '.next-*/**', 'reports/**', '.data/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
  {
    files: ['next.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Plain links to /, /apply and /track are deliberate: those three are Pages Router pages (pages/: their
      // first load without the App Router runtime), every other page is an App Router page, so a link between
      // the two routers is a full load anyway, and next/link would add its code and prefetches to the citizen
      // pages' first load (docs/decisions.md, issue 13).
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
];
export default config;
