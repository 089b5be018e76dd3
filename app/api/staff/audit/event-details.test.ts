import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { messagesFor } from '@/lib/i18n/catalogue';
import { eventDetailsText, type Translate } from './event-details';

const t = createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN') }) as unknown as Translate;

describe('the audit CSV shows an event’s facts with labels, not raw JSON', () => {
  it('labels the form input, translates enum values and hides ids', () => {
    const text = eventDetailsText(t, {
      before: { status: 'in_progress', outcome: null },
      after: { status: 'answered', outcome: 'partially_granted' },
      input: { method: 'post', deliveredOn: '2026-03-20', postalTrackingNo: 'EMS123' },
      flags: ['correction_notice_late'],
      answerDueOn: '2026-04-01',
      documentId: '0190a1b2-0000-7000-8000-000000000000',
      docNumber: '示范政信答〔2026〕1号',
    });
    expect(text).toContain('办理结果：— → 部分公开');
    expect(text).toContain('送达日期：2026-03-20');
    expect(text).toContain('邮件号码：EMS123');
    expect(text).toContain('补正告知超过了第三十条规定的7个工作日');
    expect(text).toContain('答复期限：2026-04-01');
    expect(text).toContain('文号：示范政信答〔2026〕1号');
    expect(text).not.toMatch(/[{}"]/);
    expect(text).not.toContain('0190a1b2');
    expect(text).not.toContain('documentId');
  });

  it('is empty for no data and never throws on odd shapes', () => {
    expect(eventDetailsText(t, null)).toBe('');
    expect(eventDetailsText(t, { nested: { deep: { x: 1 } }, list: [1, 'a', null] })).toContain('1、a');
  });
});
