/**
 * Official Chinese wording per outcome for answer letters (the label of the annual table's row and the
 * sentence the answer opens with), and labels used in documents for channels, fee methods and delivery.
 * Document text, not UI text (see default-templates.ts). Sources: regulations.md §8–§9.
 *
 * Every answer's text cites the article that governs it — the item of Art. 36 where one does (lib/law/
 * answer-content.ts ANSWER_DETAIL_RULES) — and states what that item requires (answerOutcomeText): the way,
 * place and time of access, where it was published, what is withheld and why, the responsible agency, the
 * channel, the earlier answer. lib/documents/answer-letters.test.ts reads each rendered letter.
 */
import type { Channel, Outcome } from '@/lib/law/ids';
import type { LegalReference } from '@/lib/law/outcomes';
import { WITHHELD_GROUND_BASIS, type AnswerDetails, type WithheldGround } from '@/lib/law/answer-content';

export const OUTCOME_DOCUMENT_TEXT = {
  // Art. 36(2) (the default item); Art. 36(1) is answerOutcomeText's `published` text.
  granted: {
    label: '予以公开',
    text: '您申请获取的政府信息属于公开范围，根据《条例》第三十六条第（二）项的规定，本机关予以公开。',
  },
  partially_granted: {
    label: '部分公开',
    text: '您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据《条例》第三十六条第（三）项、第三十七条的规定，本机关向您提供可以公开的部分，对不予公开的部分说明理由。',
  },
  denied_state_secret: {
    label: '不予公开（属于国家秘密）',
    text: '您申请获取的政府信息属于国家秘密，根据《条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开，理由如下。',
  },
  denied_prohibited_by_law: {
    label: '不予公开（其他法律行政法规禁止公开）',
    text: '您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，根据《条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开，理由如下。',
  },
  denied_three_securities_one_stability: {
    label: '不予公开（危及“三安全一稳定”）',
    text: '您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，根据《条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开，理由如下。',
  },
  denied_third_party_rights: {
    label: '不予公开（保护第三方合法权益）',
    text: '您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，根据《条例》第十五条、第三十二条、第三十六条第（三）项的规定，本机关决定不予公开，理由如下。',
  },
  denied_internal_affairs: {
    label: '不予公开（属于三类内部事务信息）',
    text: '您申请获取的信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息，根据《条例》第十六条第一款、第三十六条第（三）项的规定，本机关决定不予公开，理由如下。',
  },
  denied_process_information: {
    label: '不予公开（属于四类过程性信息）',
    text: '您申请获取的信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，根据《条例》第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开，理由如下。',
  },
  denied_law_enforcement_file: {
    label: '不予公开（属于行政执法案卷）',
    text: '您申请获取的信息属于行政执法案卷信息，根据《条例》第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开，理由如下。',
  },
  denied_administrative_inquiry: {
    label: '不予公开（属于行政查询事项）',
    text: '您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据《条例》第三十六条第（七）项的规定，请您按照有关法律、行政法规的规定办理。',
  },
  // Art. 36(4) (the default item); Art. 36(5) is answerOutcomeText's `not_responsible` text.
  unavailable_not_held: {
    label: '无法提供（本机关不掌握相关政府信息）',
    text: '经检索查找，本机关未制作、获取您申请公开的政府信息，该政府信息不存在。根据《条例》第三十六条第（四）项的规定，特此告知。',
  },
  unavailable_requires_creation: {
    label: '无法提供（没有现成信息需要另行制作）',
    text: '您申请获取的信息需要本机关对现有政府信息进行加工、分析，根据《条例》第三十八条的规定，本机关不予提供。',
  },
  unavailable_unclear_after_correction: {
    label: '无法提供（补正后申请内容仍不明确）',
    text: '本机关已依照《条例》第三十条的规定告知您补正申请，经补正后您的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。',
  },
  not_processed_petition_complaint: {
    label: '不予处理（信访举报投诉类申请）',
    text: '您以政府信息公开申请的形式进行信访、投诉、举报等活动，根据《条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理。',
  },
  not_processed_repeat: {
    label: '不予处理（重复申请）',
    text: '您就同一政府信息重复申请公开，本机关已就该政府信息作出答复。根据《条例》第三十六条第（六）项的规定，本机关不予重复处理。',
  },
  not_processed_publication: {
    label: '不予处理（要求提供公开出版物）',
    text: '您申请获取的是政府公报、报刊、书籍等公开出版物，根据《条例》第三十九条第二款的规定，本机关不作为政府信息公开申请处理。',
  },
  not_processed_excessive: {
    label: '不予处理（无正当理由大量反复申请）',
    text: '您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您说明的理由不合理。根据《条例》第三十五条的规定，本机关不予处理。',
  },
  not_processed_confirm_or_reissue: {
    label: '不予处理（要求行政机关确认或重新出具已获取信息）',
    text: '您的申请系要求本机关确认或者重新出具您已经获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。',
  },
  other_no_correction: { label: '其他处理（逾期不补正）', text: '您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。' },
  other_fee_unpaid: { label: '其他处理（逾期未缴费）', text: '您逾期未按收费通知要求缴纳费用，视为放弃申请，本机关不再处理该政府信息公开申请。' },
  other_misc: { label: '其他处理', text: '本机关终止办理该政府信息公开申请。' },
  other_processing: { label: '其他处理', text: '本机关已对您的申请作其他处理。' },
} as const satisfies Record<Outcome, { label: string; text: string }>;

export const CHANNEL_DOCUMENT_LABEL = {
  online: '在线平台',
  email: '电子邮件',
  fax: '传真',
  post_signed: '邮寄（挂号信、特快专递）',
  post_unsigned: '邮寄（平常信函）',
  in_person: '当面提交',
  oral_recorded: '口头提出（工作人员代为填写）',
  other: '其他',
} as const satisfies Record<Channel, string>;

export const FEE_METHOD_DOCUMENT_LABEL = {
  per_application: '按件计收（《政府信息公开信息处理费管理办法》第四条）',
  per_page: '按量计收（《政府信息公开信息处理费管理办法》第五条）',
} as const;

/**
 * "条例第三十六条第（二）项" → "《条例》第三十六条第（二）项"; the fee rules keep their full name. Joined with 、.
 */
export function formatLegalBasis(refs: readonly LegalReference[]): string {
  return refs
    .map((ref) => (ref.startsWith('条例') ? `《条例》${ref.slice(2)}` : `《政府信息公开信息处理费管理办法》（${ref}）`))
    .join('、');
}

/** Art. 36(1): the answer when the information was already published (the `published` item). */
const PUBLISHED_TEXT = '您申请获取的政府信息已经主动公开，根据《条例》第三十六条第（一）项的规定，现告知您获取该政府信息的方式、途径';
/** Art. 36(5): not this agency's to disclose — never "does not exist" (that is Art. 36(4)). */
const NOT_RESPONSIBLE_TEXT = '您申请获取的政府信息不属于本机关负责公开的政府信息，根据《条例》第三十六条第（五）项的规定，特此告知';

/** Art. 37: how the letter names each withholding ground. */
const WITHHELD_GROUND_TEXT = {
  denied_state_secret: '属于国家秘密',
  denied_prohibited_by_law: '属于法律、行政法规禁止公开的信息',
  denied_three_securities_one_stability: '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
  denied_third_party_rights: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  denied_internal_affairs: '属于内部事务信息',
  denied_process_information: '属于过程性信息',
  denied_law_enforcement_file: '属于行政执法案卷信息',
  not_government_information: '不属于政府信息',
} as const satisfies Record<WithheldGround, string>;

/**
 * Placeholder for the attachment sentence, kept in the draft body and filled when the answer is issued
 * (lib/documents/issue-document.ts finishAnswerDocument): files may be attached after the draft was saved.
 */
export const ATTACHMENTS_PLACEHOLDER = '{{attachmentsText}}';

/** The attachment sentence of an issued answer: true to the files actually attached. */
export function attachmentsText(count: number): string {
  return count > 0 ? `有关政府信息随本答复书一并提供（见附件，共${count}件）。` : '';
}

/** A value typed by staff, inserted before the letter's own punctuation: its trailing stop goes. */
function clause(value: string | undefined): string {
  return (value ?? '').trim().replace(/[。．.，,；;：:、\s]+$/u, '');
}

/** "条例第十四条" → "第十四条", so several articles cite 《条例》 once: "《条例》第十四条、第三十六条第（三）项". */
function inlineCitation(refs: readonly LegalReference[]): string {
  const law = refs.filter((r) => r.startsWith('条例')).map((r) => r.slice(2));
  return law.length > 0 ? `《条例》${law.join('、')}` : '';
}

/**
 * The outcome paragraph of an answer letter ({{outcomeText}}): the outcome's sentence citing its governing
 * article, and what that article requires the answer to tell (lib/law/answer-content.ts). Disclosing outcomes
 * carry ATTACHMENTS_PLACEHOLDER, replaced at issue by attachmentsText(n). Missing details are simply not
 * printed: the guard answer_complete refuses to issue a letter without its required ones.
 */
export function answerOutcomeText(outcome: Outcome, details: AnswerDetails | null | undefined): string {
  const d = details ?? {};
  switch (outcome) {
    case 'granted': {
      if (d.item === 'published') {
        const where = clause(d.publishedWhere);
        return `${PUBLISHED_TEXT}${where ? `：${where}` : ''}。${ATTACHMENTS_PLACEHOLDER}`;
      }
      const access = clause(d.accessArrangement);
      return `${OUTCOME_DOCUMENT_TEXT.granted.text}${ATTACHMENTS_PLACEHOLDER}${access ? `您可以通过以下方式、途径和时间获取该政府信息：${access}。` : ''}`;
    }
    case 'partially_granted': {
      const access = clause(d.accessArrangement);
      const withheld = clause(d.withheldPart);
      const ground = d.withheldGround;
      const groundText = ground ? `，该部分${WITHHELD_GROUND_TEXT[ground]}，依据${inlineCitation(WITHHELD_GROUND_BASIS[ground])}的规定不予公开` : '不予公开';
      return [
        '您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据《条例》第三十六条第（三）项、第三十七条的规定，本机关向您提供可以公开的部分。',
        ATTACHMENTS_PLACEHOLDER,
        access ? `您可以通过以下方式、途径和时间获取可以公开的部分：${access}。` : '',
        withheld ? `其中，${withheld}${groundText}，理由如下。` : '',
      ].join('');
    }
    case 'unavailable_not_held': {
      if (d.item !== 'not_responsible') return OUTCOME_DOCUMENT_TEXT.unavailable_not_held.text;
      const agency = clause(d.responsibleAgency);
      const contact = clause(d.responsibleAgencyContact);
      const who = agency
        ? `负责公开该政府信息的行政机关为${agency}${contact ? `，联系方式：${contact}` : ''}，您可以向该机关提出申请。`
        : d.responsibleAgencyUnknown
          ? '本机关无法确定负责公开该政府信息的行政机关。'
          : '';
      return `${NOT_RESPONSIBLE_TEXT}。${who}理由如下。`;
    }
    case 'denied_administrative_inquiry': {
      const channel = clause(d.channel);
      return `${OUTCOME_DOCUMENT_TEXT[outcome].text}${channel ? `您可以通过以下途径办理：${channel}。` : ''}`;
    }
    case 'not_processed_petition_complaint': {
      const channel = clause(d.channel);
      return `${OUTCOME_DOCUMENT_TEXT[outcome].text}${channel ? `您可以通过以下渠道反映：${channel}。` : ''}`;
    }
    case 'not_processed_publication': {
      const channel = clause(d.channel);
      return `${OUTCOME_DOCUMENT_TEXT[outcome].text}${channel ? `您可以通过以下途径获取：${channel}。` : ''}`;
    }
    case 'not_processed_repeat': {
      const prior = clause(d.priorAnswer);
      return prior
        ? `您就同一政府信息重复申请公开，本机关已就该政府信息作出答复（${prior}）。根据《条例》第三十六条第（六）项的规定，本机关不予重复处理。`
        : OUTCOME_DOCUMENT_TEXT[outcome].text;
    }
    default:
      return OUTCOME_DOCUMENT_TEXT[outcome].text;
  }
}
