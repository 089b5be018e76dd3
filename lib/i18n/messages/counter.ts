import type { NamespaceModule } from '../catalogue';

/**
 * On-the-spot answers at the counter (当场答复, Art. 33 para 1; lib/cases/answer-on-the-spot.ts): the staff form
 * `staff.counter.*` and the library's refusals `case.on_the_spot.*`. The applicant and answer fields reuse
 * `staff.register.*` and `staff.answer.*` (./staff.ts).
 */
const counter: NamespaceModule = {
  'zh-CN': {
    staff: {
      counter: {
        nav: '当场答复',
        title: '当场答复',
        intro: '申请人当面提交或口头提出申请，能够当场答复的，应当当场予以答复（条例第三十三条第一款）。本页一次完成登记、答复、签发和当面送达；收到申请之日为今天。',
        introClerk: '经办人登记并起草答复书后提交审核；审核人签发后可当面送达申请人。审核人可在本页直接签发。',
        receipt: '申请',
        channel: '提出方式',
        receivedToday: '收到申请之日：{date}（当场提交，第三十一条）',
        answer: '答复',
        confidentialityReviewed: '已进行保密审查（第十七条）',
        confidentialityHint: '公开政府信息的，签发前须经保密审查。勾选即由您（审核人）签署保密审查意见，记入办理记录。',
        confidentialityClerk: '公开政府信息的，须由审核人进行保密审查后签发。',
        files: '当场提供的政府信息（文件）',
        filesHint: '最多{max}个文件（PDF、图片、Word、Excel、OFD、ZIP、纯文本，每个不超过 20 MB），随答复书存档，日后可申请转为主动公开。表单被退回时请重新选择文件。',
        submit: '登记并当场答复',
        submitClerk: '登记并提交审核',
        done: {
          delivered: '已当场答复：答复书 {docNumber} 已签发，并已当面送达申请人，申请已办结。',
          submitted: '已登记并提交审核。下一步：审核人签发后，当面送达申请人。',
          drafted: '已登记并起草答复书。下一步：审核人进行保密审查并签发后，当面送达申请人。',
          replay: '该表单已提交过，以下是已登记的申请。',
        },
        trackingNo: '申请编号：{trackingNo}',
        accessCode: '查询码（只显示一次，请告知申请人）：',
        printAnswer: '打印答复书（PDF）',
        printReceipt: '打印回执',
        open: '查看申请',
        another: '继续当场答复',
      },
    },
    case: {
      on_the_spot: {
        counter_only: '当场答复仅适用于当面提交或口头提出的申请。',
        today_only: '当场答复的申请，收到申请之日为今天。',
        incomplete: '答复内容不完整，请补齐后再提交。',
        too_many_files: '当场提供的文件最多{max}个。',
      },
    },
  },
  en: {
    staff: {
      counter: {
        nav: 'Answer at the counter',
        title: 'Answer on the spot',
        intro: 'An application handed in or made orally at the counter that can be answered at once must be answered on the spot (Art. 33 para 1). This page registers, answers, issues and delivers it in person in one step; the receipt date is today.',
        introClerk: 'A clerk registers the application and drafts the answer, which goes to a reviewer for sign-off; once signed it can be handed to the applicant. Reviewers can issue it here directly.',
        receipt: 'Application',
        channel: 'Made',
        receivedToday: 'Receipt date: {date} (handed in at the counter, Art. 31)',
        answer: 'Answer',
        confidentialityReviewed: 'Confidentiality review done (Art. 17)',
        confidentialityHint: 'Information may be disclosed only after a confidentiality review. Ticking this records your (the reviewer’s) sign-off in the history.',
        confidentialityClerk: 'Disclosing information needs a reviewer’s confidentiality review before the answer is issued.',
        files: 'Files handed over (the information disclosed)',
        filesHint: 'Up to {max} files (PDF, images, Word, Excel, OFD, ZIP, plain text; 20 MB each). They are kept with the answer and can later be proposed for the reading room. Choose them again if the form is refused.',
        submit: 'Register and answer now',
        submitClerk: 'Register and submit for sign-off',
        done: {
          delivered: 'Answered on the spot: answer {docNumber} was issued and handed to the applicant; the case is concluded.',
          submitted: 'Registered and submitted for sign-off. Next: once a reviewer signs it, hand it to the applicant.',
          drafted: 'Registered with a drafted answer. Next: a reviewer records the confidentiality review and signs; then hand it to the applicant.',
          replay: 'This form was already submitted; this is the registered case.',
        },
        trackingNo: 'Tracking number: {trackingNo}',
        accessCode: 'Access code (shown once; tell the applicant):',
        printAnswer: 'Print the answer (PDF)',
        printReceipt: 'Print the receipt',
        open: 'Open the case',
        another: 'Next counter answer',
      },
    },
    case: {
      on_the_spot: {
        counter_only: 'Only applications handed in or made orally at the counter can be answered on the spot.',
        today_only: 'An application answered on the spot is received today.',
        incomplete: 'The answer is incomplete. Complete it and submit again.',
        too_many_files: 'At most {max} files can be handed over on the spot.',
      },
    },
  },
};

export default counter;
