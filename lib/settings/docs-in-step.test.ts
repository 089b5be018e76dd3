/**
 * docs/decisions.md stays true to the code (issue 9 item 10): it once named a setting that did not exist
 * (`fee_pauses_answer_clock`) and described periods the code did not implement.
 *
 * - Settings: every registered setting is documented under its key; every key decisions.md calls a setting is
 *   registered; the registry's defaults are the engine's; every file that touches the `settings` table takes
 *   its key from the registry.
 * - Rules and names: every code name decisions.md puts in backticks — a file, an environment variable, a
 *   constant, function, guard or check name, a dotted key or a table.column — exists in the code.
 * - Periods: every "N working days" decisions.md states in its Deadlines section is a period of the engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_SETTINGS, PERIODS } from '@/lib/deadlines/compute-deadlines';
import { MAX_CORRECTION_PERIOD_WORKING_DAYS } from '@/lib/cases/workflow-guards';
import { INTERNAL_STATE_KEYS, SETTING_KEY_PATTERN, SETTING_KEYS, SETTINGS } from './registry';

const ROOT = path.resolve(__dirname, '../..');
const DECISIONS = fs.readFileSync(path.join(ROOT, 'docs/decisions.md'), 'utf8');
const SOURCE_DIRS = ['lib', 'app', 'components', 'scripts', 'prisma', 'e2e', 'test'];
const SOURCE_FILES_AT_ROOT = ['proxy.ts', 'next.config.js', 'next.config.ts', 'package.json', '.env.example'];
const SKIP_DIRS = new Set(['node_modules', 'generated', '.next', '.data']);

function walk(dir: string, out: string[]): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const ALL_FILES = [
  ...SOURCE_DIRS.flatMap((d) => walk(path.join(ROOT, d), [])),
  ...SOURCE_FILES_AT_ROOT.map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f)),
];
const CODE_FILES = ALL_FILES.filter((f) => /\.(ts|tsx|mjs|js|cjs|prisma|sql|json)$/.test(f) && !f.endsWith('docs-in-step.test.ts'));
const CODE = CODE_FILES.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
const BASENAMES = new Set(walk(ROOT, []).map((f) => path.basename(f)));

/** The backticked spans of decisions.md, each once. */
const TICKED = [...new Set([...DECISIONS.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]))];

describe('settings registry and docs/decisions.md', () => {
  it('documents every registered setting under its key, with its default', () => {
    for (const key of SETTING_KEYS) expect(TICKED, key).toContain(key);
    expect(SETTINGS.feePausesAnswerClock.defaultValue).toBe(DEFAULT_DEADLINE_SETTINGS.pauseAnswerClockWhileFeePending);
    for (const key of [...SETTING_KEYS, ...Object.values(INTERNAL_STATE_KEYS)]) expect(key).toMatch(SETTING_KEY_PATTERN);
  });

  it('registers every key decisions.md calls a setting', () => {
    // "… is a **setting** (`key`, …)", "setting `key`", "the `key` setting"
    const named = [
      ...[...DECISIONS.matchAll(/\bsettings?\b\**[^`|.;]{0,30}`([^`]+)`/gi)].map((m) => m[1]),
      ...[...DECISIONS.matchAll(/`([^`]+)`\s+setting\b/gi)].map((m) => m[1]),
    ];
    expect(named.length).toBeGreaterThan(0);
    for (const key of named) expect(SETTING_KEYS, `decisions.md names the setting ${key}`).toContain(key);
    // Any settings-shaped key in an area that has settings is a registered one (e.g. a renamed key).
    const areas = new Set(SETTING_KEYS.map((k) => k.split('.')[0]));
    const shaped = TICKED.filter((t) => SETTING_KEY_PATTERN.test(t) && areas.has(t.split('.')[0]) && /pause|setting|default/.test(t));
    for (const key of shaped) expect(SETTING_KEYS, key).toContain(key);
  });

  it('every file that touches the settings table takes its key from the registry', () => {
    const touching = CODE_FILES.filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.ts$/.test(f)).filter((f) =>
      /\.setting\.(find|upsert|update|create|delete)/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(touching.length).toBeGreaterThan(0);
    for (const file of touching) {
      const text = fs.readFileSync(file, 'utf8');
      const usesRegistry = text.includes('@/lib/settings/registry') || text.includes('FEE_PAUSE_SETTING_KEY');
      expect(usesRegistry, path.relative(ROOT, file)).toBe(true);
      // No settings key spelled out in such a file except through the registry.
      for (const literal of text.matchAll(/key:\s*'([^']+)'/g)) expect(SETTING_KEYS, `${path.relative(ROOT, file)}: ${literal[1]}`).toContain(literal[1]);
    }
  });
});

/** Does `name` occur in the code as a whole word (or, for dotted keys, as written)? */
function inCode(name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}($|[^A-Za-z0-9_])`).test(CODE);
}

/** `documents.stated_dates`: a table (@@map) and one of its columns (@map or field name) in the schema. */
function isTableColumn(name: string): boolean {
  const [table, column] = name.split('.');
  const schema = fs.readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
  const model = [...schema.matchAll(/model \w+ \{([\s\S]*?)\n\}/g)].find((m) => m[1].includes(`@@map("${table}")`));
  if (!model) return false;
  return model[1].includes(`@map("${column}")`) || new RegExp(`^\\s+${column}\\s`, 'm').test(model[1]);
}

const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
const DEPENDENCIES = new Set([...Object.keys(PACKAGE.dependencies ?? {}), ...Object.keys(PACKAGE.devDependencies ?? {})]);

/** `next-auth/react`: an import path of a package we depend on. */
function isDependencyImport(span: string): boolean {
  const parts = span.split('/');
  return DEPENDENCIES.has(parts[0]) || DEPENDENCIES.has(parts.slice(0, 2).join('/'));
}

type Kind = 'path' | 'env' | 'identifier' | 'dotted' | null;

/** What kind of code name a backticked span is; null for prose, SQL, headers, examples. */
function kindOf(span: string): Kind {
  if (/^[\w.-]+\/[\w./-]*$|^[\w-]+\.(ts|tsx|mjs|json|md)$/.test(span)) return 'path';
  if (/^GONGKAI_[A-Z0-9_]+(=\S*)?$/.test(span)) return 'env';
  // camelCase, PascalCase, UPPER_SNAKE or snake_case (plain lowercase words are prose).
  if (/^[A-Za-z_$][A-Za-z0-9_$]*(\(.*\))?$/.test(span) && /[A-Z_]/.test(span.replace(/\(.*\)$/, ''))) return 'identifier';
  if (/^[a-z][A-Za-z0-9_]*(\.[a-z][A-Za-z0-9_|*]*)+$/.test(span)) return 'dotted';
  return null;
}

/** Names that are not ours to find in the code (libraries, HTTP, conventions the text quotes). */
const NOT_OURS = new Set(['X_Forwarded_For', 'timingSafeEqual', 'useTranslations', 'NaN', 'NEXTAUTH_URL', 'ClientMessages', '_resumed', '_completed']);

describe('names and rules in docs/decisions.md exist in the code', () => {
  const spans = TICKED.map((s) => ({ span: s, kind: kindOf(s) })).filter((s) => s.kind !== null);

  it('finds enough names to be a check at all', () => {
    expect(spans.filter((s) => s.kind === 'identifier').length).toBeGreaterThan(20);
    expect(spans.filter((s) => s.kind === 'path').length).toBeGreaterThan(10);
  });

  for (const { span, kind } of spans) {
    if (NOT_OURS.has(span)) continue;
    it(`${kind} ${span}`, () => {
      if (kind === 'path') {
        const exists = fs.existsSync(path.join(ROOT, span)) || BASENAMES.has(span) || isDependencyImport(span);
        expect(exists, `decisions.md names ${span}, which is not in the repository`).toBe(true);
      } else if (kind === 'env') {
        const name = span.replace(/=.*$/, '');
        // GONGKAI_LIMIT_<NAME> is read by name (lib/rate-limit.ts perAddress('apiAuthPerIp', …)).
        const limit = /^GONGKAI_LIMIT_(\w+)$/.exec(name);
        const isLimit = limit !== null && new RegExp(`perAddress\\('${limit[1]}'`, 'i').test(CODE);
        expect(inCode(name) || isLimit, `${span} is not read by the code`).toBe(true);
      } else if (kind === 'identifier') {
        expect(inCode(span.replace(/\(.*\)$/, '')), `${span} is not in the code`).toBe(true);
      } else {
        // `organisation.moved|merged|retired|reinstated`, `validation.*`
        const [head, ...rest] = span.split('|');
        const stem = head.slice(0, head.lastIndexOf('.') + 1);
        const names = [head, ...rest.map((r) => stem + r)].map((n) => n.replace(/\.\*$/, ''));
        for (const name of names) expect(inCode(name) || isTableColumn(name), `${name} is not in the code`).toBe(true);
      }
    });
  }
});

describe('periods in docs/decisions.md are the periods of the engine', () => {
  const section = DECISIONS.slice(DECISIONS.indexOf('## Deadlines'), DECISIONS.indexOf('\n## ', DECISIONS.indexOf('## Deadlines') + 5));
  const known = new Set<number>([...Object.values(PERIODS), 1, MAX_CORRECTION_PERIOD_WORKING_DAYS]);

  it('every "N working days" (and "N–M working days") of the Deadlines section is an engine period', () => {
    const stated = [...section.matchAll(/(\d+)(?:[–-](\d+))?\s+working days/g)].flatMap((m) => [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])]);
    expect(stated.length).toBeGreaterThan(4);
    for (const n of stated) expect(known, `${n} working days`).toContain(n);
  });

  it('states the engine periods: 7 (Art. 30), 15 (Arts. 32, 34), 20 (Art. 33, extension, fee payment)', () => {
    expect(section).toMatch(new RegExp(`${PERIODS.correctionNotice} working days of receipt`));
    expect(section).toMatch(new RegExp(`${PERIODS.consultationReply} working days after the party received`));
    expect(section).toMatch(new RegExp(`the ${PERIODS.answer} working days restart`));
    expect(section).toMatch(new RegExp(`1–${PERIODS.maxExtension} working days`));
    expect(section).toMatch(new RegExp(`payment due ${PERIODS.feePayment} working days after the applicant received`));
  });
});
