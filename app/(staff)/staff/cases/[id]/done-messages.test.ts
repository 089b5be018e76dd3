import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/lib/i18n/catalogue';
import { LOCALES } from '@/lib/i18n/config';
import { TRANSITION_NAMES } from '@/lib/cases/workflow';
import { GUARDS } from '@/lib/cases/workflow-guards';

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('after every action a confirmation says what changed and what comes next', () => {
  it.each(LOCALES)('%s: every transition has its staff.done message, naming the next step', (locale) => {
    const messages = messagesFor(locale);
    for (const name of TRANSITION_NAMES) {
      const text = lookup(messages, `staff.done.${name}`);
      expect(typeof text, `staff.done.${name}`).toBe('string');
      expect(text as string).toMatch(locale === 'zh-CN' ? /下一步|之后/ : /Next|still|Next:/);
    }
  });

  it.each(LOCALES)('%s: every guard that holds a step back visibly has its reason', (locale) => {
    const messages = messagesFor(locale);
    for (const [name, guard] of Object.entries(GUARDS)) {
      if (!('whenUnmet' in guard) || guard.whenUnmet !== 'explain') continue;
      const text = lookup(messages, `staff.blocked.${name}`) ?? lookup(messages, `workflow.guard.${name}`);
      expect(typeof text, name).toBe('string');
    }
  });
});
