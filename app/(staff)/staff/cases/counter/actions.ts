'use server';

import { formValues, parseForm, type ActionState } from '@/lib/actions/run-action';
import { requireRole } from '@/lib/auth/session';
import { answerOnTheSpot, COUNTER_CHANNELS, type OnTheSpotResult } from '@/lib/cases/answer-on-the-spot';
import { staffRegistrationSchema } from '@/lib/cases/register-case';
import type { Outcome } from '@/lib/law/ids';
import { ANSWER_DETAIL_FORM_FIELDS } from '@/lib/law/answer-content';
import { runFormAction } from '../../_lib/action-result';

/** What the counter form gets back: the composite's result (lib/cases/answer-on-the-spot.ts). */
export type CounterAnswerResult = OnTheSpotResult;

const ANSWER_FIELDS = ['outcome', 'reason', 'legalBasis', 'remedyNotice', 'isSeparated', 'confidentialityReviewed', 'submissionKey', ...ANSWER_DETAIL_FORM_FIELDS] as const;

/**
 * The disclosed files chosen in the form. A file input left empty still sends one empty entry (its name
 * depends on the browser and on how the action encodes it), so empty entries mean "no file" here.
 */
async function formFiles(form: FormData): Promise<{ filename: string; data: Uint8Array }[]> {
  const files: { filename: string; data: Uint8Array }[] = [];
  for (const f of form.getAll('files')) {
    if (typeof f !== 'string' && f.size > 0) files.push({ filename: f.name, data: new Uint8Array(await f.arrayBuffer()) });
  }
  return files;
}

/**
 * 当场答复 (Art. 33 para 1): registers a counter application and answers it in one transaction
 * (lib/cases/answer-on-the-spot.ts). validate → authorise → lib.
 */
export async function answerOnTheSpotAction(_prev: ActionState<CounterAnswerResult>, form: FormData): Promise<ActionState<CounterAnswerResult>> {
  const values = formValues(form);
  const fields: Record<string, string> = { ...values };
  for (const k of ANSWER_FIELDS) delete fields[k];
  // The counter's channel travels as `counterChannel`: `channel` is one of the answer's details (Art. 39).
  delete fields.counterChannel;
  if (!(COUNTER_CHANNELS as readonly string[]).includes(values.counterChannel ?? '')) {
    return { ok: false, messageKey: 'errors.validation', fieldErrors: { counterChannel: ['case.on_the_spot.counter_only'] }, values };
  }
  fields.channel = values.counterChannel as string;
  if (!fields.idNumber?.trim()) delete fields.idDocType;
  const parsed = parseForm(staffRegistrationSchema, fields);
  if (!parsed.ok) return { ...parsed.state, values } as ActionState<CounterAnswerResult>;
  const user = await requireRole(['clerk', 'reviewer'], '/staff/cases/counter');
  return runFormAction(values, async () => {
    if (!values.outcome) return { ok: false, messageKey: 'answer.missing.outcome', fieldErrors: { outcome: ['answer.missing.outcome'] }, values } as const;
    const result = await answerOnTheSpot({
      actor: user,
      registration: parsed.data,
      // As the case page's answer draft (saveAnswerDraftAction): blank basis / remedy notice = the defaults.
      answer: {
        outcome: values.outcome as Outcome,
        reason: values.reason ?? '',
        legalBasis: values.legalBasis?.trim() ? values.legalBasis : undefined,
        remedyNotice: values.remedyNotice?.trim() ? values.remedyNotice : undefined,
        isSeparated: values.isSeparated === 'true',
        details: Object.fromEntries(ANSWER_DETAIL_FORM_FIELDS.filter((k) => values[k]?.trim()).map((k) => [k, values[k]])),
      },
      confidentialityReviewed: values.confidentialityReviewed === 'true',
      now: new Date(),
      submissionKey: values.submissionKey ?? '',
      files: await formFiles(form),
    });
    return { ok: true, data: result } as const;
  });
}
