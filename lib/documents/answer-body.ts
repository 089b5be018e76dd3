/**
 * The answer letter's body (答复书): the organisation's answer template merged with the outcome paragraph
 * (lib/documents/outcome-text.ts answerOutcomeText — the governing article of Art. 36 ff. and the details it
 * requires), the reason, the cited articles and the remedy notice. The draft keeps `{{docNumber}}`, `{{date}}`
 * and `{{attachmentsText}}` until the answer is issued (issuedAnswerBody). Pure apart from its imports' types:
 * lib/documents/answer-letters.test.ts renders every outcome's letter with it.
 */
import type { Outcome } from '@/lib/law/ids';
import type { AnswerDetails } from '@/lib/law/answer-content';
import { answerOutcomeText, attachmentsText, OUTCOME_DOCUMENT_TEXT } from '@/lib/documents/outcome-text';
import { formatChineseDate, ISSUE_FIELDS, mergeTemplate, type TemplateFields } from '@/lib/documents/templates';
import type { IsoDate } from '@/lib/calendar/iso-date';

export function draftAnswerBody(
  templateBody: string,
  caseFields: TemplateFields,
  answer: { outcome: Outcome; details: AnswerDetails; reason: string | null; legalBasis: string; remedyNotice: string },
): string {
  return mergeTemplate(
    templateBody,
    {
      ...caseFields,
      outcomeLabel: OUTCOME_DOCUMENT_TEXT[answer.outcome].label,
      outcomeText: answerOutcomeText(answer.outcome, answer.details),
      reason: answer.reason,
      legalBasis: answer.legalBasis,
      remedyNotice: answer.remedyNotice,
    },
    { keep: ISSUE_FIELDS },
  );
}

/** The issued body: the 文号, the date and the sentence on the files actually attached. */
export function issuedAnswerBody(draftBody: string, issue: { docNumber: string; issuedOn: IsoDate; attachmentsCount: number }): string {
  return mergeTemplate(draftBody, {
    docNumber: issue.docNumber,
    date: formatChineseDate(issue.issuedOn),
    attachmentsText: attachmentsText(issue.attachmentsCount),
  });
}
