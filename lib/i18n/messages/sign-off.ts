import type { NamespaceModule } from '../catalogue';

/**
 * Reviewer sign-off of outgoing notices where an organisation wants it (issue 11 item 3): the organisation
 * setting, the clerk's submission, the reviewer's return, the queue section and the guard messages.
 */
const signOff: NamespaceModule = {
  'zh-CN': {
    admin: {
      audit: { types: { organisation: { notice_sign_off: '修改告知书审核签发设置' } } },
      organisations: {
        signOff: {
          label: '补正告知书、征求意见函、收费通知书须经审核人签发',
          hint: '勾选后，经办人发出这些文书时先提交审核，审核人签发后才编文号、发出；审核人退回的不编号。延期答复告知书和延迟答复告知书本来就由审核人批准后发出。',
          save: '保存签发设置',
          saved: '已保存签发设置。',
          on: '须经审核人签发',
          off: '经办人直接发出',
        },
      },
    },
    workflow: {
      transition: { return_notice: '退回告知书' },
      event: { notice_submitted: '提交告知书审核', notice_returned: '退回告知书' },
      guard: {
        notice_pending: '没有待审核的告知书。',
        other_notice_pending: '另有一份告知书正在等待审核签发，请先由审核人签发或退回。',
        notice_awaiting_sign_off: '该告知书已提交审核，等待审核人签发或退回。',
      },
    },
    staff: {
      done: {
        notice_submitted: '告知书已提交审核，尚未编号、发出。下一步：由审核人签发或退回（在审核人的待办中）。',
        return_notice: '告知书已退回，未编号。下一步：经办人修改后重新提交。',
      },
      action: { help: { return_notice: '退回后该告知书作废、不编文号；经办人可以修改后重新提交。' } },
      queue: {
        section: {
          notice_sign_off: { title: '待签发告知书', hint: '经办人提交的补正告知书、征求意见函或收费通知书，签发后才编号发出。', do: '审核签发' },
        },
      },
    },
  },
  en: {
    admin: {
      audit: { types: { organisation: { notice_sign_off: 'Notice sign-off setting changed' } } },
      organisations: {
        signOff: {
          label: 'Correction notices, consultation letters and fee notices need a reviewer’s sign-off',
          hint: 'When ticked, a clerk’s notice is first submitted; it is numbered and sent only when a reviewer signs it off, and a returned notice takes no number. Extension and delayed-answer notices are already issued by a reviewer’s approval.',
          save: 'Save sign-off setting',
          saved: 'Sign-off setting saved.',
          on: 'Reviewer signs off',
          off: 'Clerk sends directly',
        },
      },
    },
    workflow: {
      transition: { return_notice: 'Return the notice' },
      event: { notice_submitted: 'Notice submitted for sign-off', notice_returned: 'Notice returned' },
      guard: {
        notice_pending: 'No notice is awaiting sign-off.',
        other_notice_pending: 'Another notice is awaiting sign-off: a reviewer must sign it off or return it first.',
        notice_awaiting_sign_off: 'This notice has been submitted and awaits a reviewer’s sign-off or return.',
      },
    },
    staff: {
      done: {
        notice_submitted: 'Notice submitted for sign-off; not numbered or sent yet. Next: a reviewer signs it off or returns it (in the reviewer’s work queue).',
        return_notice: 'Notice returned, no number taken. Next: the clerk revises and submits it again.',
      },
      action: { help: { return_notice: 'A returned notice is void and takes no document number; the clerk may revise and submit it again.' } },
      queue: {
        section: {
          notice_sign_off: { title: 'Notices to sign off', hint: 'Correction notices, consultation letters or fee notices submitted by a clerk; numbered and sent once signed off.', do: 'Sign off' },
        },
      },
    },
  },
};

export default signOff;
