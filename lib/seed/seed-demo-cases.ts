import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { userByIdentifierWhere } from '@/lib/privacy/personal-data';
import type { Actor } from '@/lib/cases/actor';
import { saveAnswerDraftChained } from '@/lib/cases/answer-draft';
import { registerCaseByStaffThen, submitApplication } from '@/lib/cases/register-case';
import { transitionCaseChained, type TransitionCaseParams } from '@/lib/cases/transition-case';
import type { LoadedCaseRecord } from '@/lib/cases/load-case-record';
import { addWorkingDays, nextWorkingDay } from '@/lib/calendar/working-days';
import { loadCalendar } from '@/lib/calendar/load-calendar';
import type { ApplicantType, Outcome } from '@/lib/law/ids';
import type { AnswerDetails } from '@/lib/law/answer-content';
import { DEMO_ACCOUNTS, DEMO_ORGS } from './demo-data';

/**
 * A few hundred demo cases in every state across the 2025 and 2026 report years, created through the same
 * functions the app uses (registration, transitions, answer drafts), so every seeded case has a consistent
 * history, deadlines and documents. Deterministic (seeded pseudo-random numbers).
 */

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

const SUBJECTS = [
  '2025年城区道路维修资金使用情况',
  '某小区规划许可证及附图',
  '本市义务教育学校划片范围的决定',
  '2024年度部门预算和决算说明',
  '某建设项目环境影响评价批复文件',
  '辖区内农村土地征收补偿安置方案',
  '城市公交线路调整的批复文件',
  '某地块国有土地使用权出让合同',
  '2025年度行政处罚决定书目录',
  '老旧小区改造项目的立项文件',
  '河道整治工程的招标及中标结果',
  '学校食堂食品安全检查记录',
];
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴婷', '徐强', '孙丽'];
const ORG_NAMES: Record<Exclude<ApplicantType, 'natural_person'>, string[]> = {
  commercial_enterprise: ['示范市宏达建设有限公司', '示范市鑫源置业有限公司'],
  research_institution: ['示范大学公共政策研究院'],
  public_welfare_org: ['示范市绿色家园环保协会'],
  legal_service_org: ['示范律师事务所', '明理律师事务所'],
  other_org: ['示范市东湖社区居民委员会'],
};

/** Outcomes with the weights the seed report shows (Pingdu 2020), and a reason for each refusal. */
const OUTCOME_WEIGHTS: [Outcome, number][] = [
  ['granted', 48],
  ['partially_granted', 8],
  ['unavailable_not_held', 28],
  ['unavailable_requires_creation', 3],
  ['denied_internal_affairs', 3],
  ['denied_process_information', 2],
  ['denied_law_enforcement_file', 2],
  ['denied_third_party_rights', 1],
  ['not_processed_petition_complaint', 3],
  ['not_processed_repeat', 2],
];
const REASONS: Partial<Record<Outcome, string>> = {
  partially_granted: '申请公开的信息中含有个人隐私，已作区分处理，对可以公开的部分予以公开。',
  unavailable_not_held: '经检索，本机关未制作或获取过您申请的信息。',
  unavailable_requires_creation: '您申请的信息需要本机关对现有信息进行加工、分析，不属于现有政府信息。',
  denied_internal_affairs: '您申请的信息属于本机关内部管理信息。',
  denied_process_information: '您申请的信息属于内部讨论记录、过程稿，不属于应当公开的信息。',
  denied_law_enforcement_file: '您申请的信息属于行政执法案卷信息。',
  denied_third_party_rights: '经征求第三方意见，第三方以涉及商业秘密为由不同意公开。',
  not_processed_petition_complaint: '您的申请属于以政府信息公开申请形式进行的信访、投诉、举报，请通过相应渠道提出。',
  not_processed_repeat: '您就同一政府信息重复申请，本机关已于此前作出答复。',
};

/** What each demo answer states under its governing article (lib/law/answer-content.ts). */
const DETAILS: Partial<Record<Outcome, AnswerDetails>> = {
  granted: { item: 'disclosable', accessArrangement: '请于收到本答复书之日起10个工作日内（工作日9:00—17:00）到本机关政务公开查阅点查阅、复制，或者通过电子邮件接收' },
  partially_granted: {
    withheldPart: '所涉自然人的姓名、身份证号码和联系方式',
    withheldGround: 'denied_third_party_rights',
    accessArrangement: '可以公开的部分已通过电子邮件发送至您预留的邮箱',
  },
  unavailable_not_held: { item: 'not_exist' },
  not_processed_petition_complaint: { channel: '示范市信访局（示范市中山路8号，电话12345）' },
  not_processed_repeat: { priorAnswer: '本机关此前作出的答复书' },
};

type Plan =
  | 'pending_confirmation'
  | 'in_progress'
  | 'awaiting_correction'
  | 'consulting'
  | 'pending_approval'
  | 'answered'
  | 'delivered'
  | 'archived'
  | 'withdrawn'
  | 'correction_lapsed';

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}
function pickWeighted<T>(r: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1][0];
}

async function actorFor(login: string): Promise<Actor> {
  const u = await db.user.findFirstOrThrow({
    where: userByIdentifierWhere(login),
    select: { id: true, role: true, orgId: true, org: { select: { path: true } } },
  });
  return { id: u.id, role: u.role, orgId: u.orgId, orgPath: u.org?.path ?? null };
}

/**
 * Everything random about one demo case, drawn in the order the original one-by-one loop drew it (so the demo
 * data stay the same): the draws happen here, synchronously, and the cases are then created per organisation
 * in parallel (runCase). A draw the flow would not reach (the case stops earlier) is not made.
 */
export interface CaseScript {
  i: number;
  received: string;
  applicantType: ApplicantType;
  applicantName: string;
  orgId: number;
  plan: Plan;
  online: boolean;
  applicant: Actor | null;
  channel: 'post_signed' | 'in_person' | 'fax';
  subject: string;
  correction: boolean;
  consultation: boolean;
  outcome: Outcome;
  draftDays: number;
}

function drawCase(r: () => number, i: number, received: string, age: number, orgs: { id: number }[], applicants: Actor[]): CaseScript {
  const applicantType = pickWeighted<ApplicantType>(r, [
    ['natural_person', 85],
    ['commercial_enterprise', 5],
    ['legal_service_org', 5],
    ['research_institution', 1],
    ['public_welfare_org', 1],
    ['other_org', 3],
  ]);
  const applicantName = applicantType === 'natural_person' ? pick(r, NAMES) : pick(r, ORG_NAMES[applicantType]);
  const orgId = pick(r, orgs).id;
  // Recent cases are still open; older ones are mostly concluded and archived.
  const plan: Plan =
    age < 3
      ? pick(r, ['pending_confirmation', 'in_progress'] as const)
      : age < 40
        ? pickWeighted<Plan>(r, [
            ['in_progress', 30],
            ['awaiting_correction', 10],
            ['consulting', 8],
            ['pending_approval', 10],
            ['answered', 15],
            ['delivered', 20],
            ['withdrawn', 3],
            ['pending_confirmation', 4],
          ])
        : pickWeighted<Plan>(r, [
            ['archived', 70],
            ['delivered', 14],
            ['correction_lapsed', 3],
            ['withdrawn', 3],
            ['in_progress', 2],
          ]);
  const script: CaseScript = {
    i,
    received,
    applicantType,
    applicantName,
    orgId,
    plan,
    online: false,
    applicant: null,
    channel: 'in_person',
    subject: '',
    correction: false,
    consultation: false,
    outcome: 'granted',
    draftDays: 0,
  };
  script.online = plan === 'pending_confirmation' || r() < 0.35;
  if (script.online) {
    script.applicant = r() < 0.25 ? pick(r, applicants) : null;
  } else {
    script.channel = pick(r, ['post_signed', 'in_person', 'in_person', 'post_signed', 'fax'] as const);
  }
  script.subject = pick(r, SUBJECTS);
  if (plan === 'pending_confirmation' || plan === 'in_progress') return script;
  script.correction = plan === 'awaiting_correction' || plan === 'correction_lapsed' || r() < 0.08;
  if (plan === 'awaiting_correction' || plan === 'correction_lapsed' || plan === 'withdrawn') return script;
  script.consultation = plan === 'consulting' || (plan !== 'pending_approval' && r() < 0.06);
  if (plan === 'consulting') return script;
  script.outcome = pickWeighted(r, OUTCOME_WEIGHTS);
  script.draftDays = 3 + Math.floor(r() * 10);
  return script;
}

interface SeedContext {
  today: string;
  cal: Awaited<ReturnType<typeof loadCalendar>>;
  clerk: Actor;
  reviewer: Actor;
}

/**
 * Creates one scripted case through the app's own functions; false when the rules refused a step (logged).
 * A case is written in one transaction with all its steps (the registration and the steps after it; an online
 * application: the portal submission, then one transaction for the rest), each step with its own guards,
 * compare-and-set and event, as the on-the-spot answer chains them (lib/cases/answer-on-the-spot.ts).
 */
async function runCase(sc: CaseScript, ctx: SeedContext, log: (l: string) => void): Promise<boolean> {
  const { i, received, plan, online } = sc;
  try {
    if (online) {
      const res = await submitApplication({
        applicant: sc.applicant,
        submissionKey: randomUUID(),
        now: at(received, '09:30'),
        form: {
          orgId: sc.orgId,
          applicantType: sc.applicantType,
          applicantName: sc.applicantName,
          ...(sc.applicantType === 'natural_person'
            ? { idDocType: 'passport', idNumber: `E${String(10000000 + i)}` }
            : { uscc: '91350100M000100Y43', legalRepresentative: '王明', contactPerson: '李华' }),
          mobile: `1380000${String(1000 + i).padStart(4, '0')}`,
          email: `demo${i}@example.cn`,
          description: sc.subject,
          requestedForm: 'electronic',
          deliveryMethod: 'online_download',
        },
      });
      if (plan === 'pending_confirmation') return true;
      await db.$transaction((tx) => runSteps(tx, sc, ctx, res.caseId, 0), CASE_TX);
    } else {
      const channel = sc.channel;
      await registerCaseByStaffThen(
        {
          actor: ctx.clerk,
          now: at(received, '11:00'),
          form: {
            orgId: sc.orgId,
            channel,
            arrivedOn: received,
            ...(channel === 'post_signed' ? { signedForOn: received } : {}),
            ...(channel === 'fax' ? { confirmedOn: received } : {}),
            applicantType: sc.applicantType,
            applicantName: sc.applicantName,
            mobile: `1390000${String(1000 + i).padStart(4, '0')}`,
            postalAddress: '示范市人民路100号',
            postalCode: '100000',
            description: sc.subject,
            requestedForm: 'paper',
            deliveryMethod: 'post',
          } as never,
        },
        // A new case is at version 0: the registration writes no step after creating it.
        (tx, created) => runSteps(tx, sc, ctx, created.caseId, 0),
      );
    }
    return true;
  } catch (e) {
    // A demo case that the rules refuse is skipped (logged); its steps are rolled back with it.
    log(`[seed] case ${i} (${plan}) skipped: ${e instanceof Error ? e.message : String(e)} ${JSON.stringify((e as { params?: unknown }).params ?? '')}`);
    return false;
  }
}

/** A case's transaction: the registration's, or its own (a few steps of ten cases at most: far below the limit). */
const CASE_TX = { timeout: 20_000, maxWait: 10_000 } as const;

/** The steps of a scripted case after its registration, in the caller's transaction. */
async function runSteps(tx: Tx, sc: CaseScript, ctx: SeedContext, caseId: string, startVersion: number): Promise<void> {
  const { today, cal, clerk, reviewer } = ctx;
  const { i, received, plan, online } = sc;
  let version = startVersion;
  // The record each step leaves is where the next one starts (no reload after write: transitionCaseChained).
  let carried: LoadedCaseRecord | null = null;
  const step = async (p: Omit<TransitionCaseParams, 'caseId' | 'expectedVersion'>) => {
    const { result, record } = await transitionCaseChained(tx, { ...p, caseId, expectedVersion: version } as TransitionCaseParams, carried);
    version = result.version;
    carried = record;
    return result;
  };
  if (online) await step({ name: 'confirm_receipt', input: { receivedOn: received, confirmationNote: '电话确认' }, actor: clerk, now: at(received, '15:00') });
  let day = addWorkingDays(received, 1, cal);
  const clamp = (d: string) => (d >= today ? today : d);
  await step({ name: 'claim', input: {}, actor: clerk, now: at(clamp(day)) });
  if (plan === 'in_progress') return;
  if (sc.correction) {
    day = clamp(addWorkingDays(received, 3, cal));
    const requested = await step({ name: 'request_correction', input: { items: '请明确所需政府信息的名称、文号或者其他特征性描述', periodDays: 10 }, actor: clerk, now: at(day) });
    if (plan === 'awaiting_correction') return;
    if (plan === 'correction_lapsed') {
      // The period runs from the applicant's receipt of the notice (Art. 30): the clerk records its delivery
      // (by post, or read in the portal) before the reviewer closes the case; the lapse comes after the period.
      const noticeDelivered = clamp(addWorkingDays(day, 3, cal));
      await step({
        name: 'record_notice_delivery',
        input: online
          ? { documentId: requested.document!.id, method: 'online_download', deliveredOn: noticeDelivered, receiptNote: '申请人已在线查阅' }
          : { documentId: requested.document!.id, method: 'post', deliveredOn: noticeDelivered, postalTrackingNo: `EMS${String(2e9 + i)}` },
        actor: clerk,
        now: at(noticeDelivered),
      });
      const lapse = clamp(addWorkingDays(day, 15, cal));
      await step({ name: 'lapse_correction', input: {}, actor: reviewer, now: at(lapse) });
      return;
    }
    day = clamp(addWorkingDays(day, 4, cal));
    await step({ name: 'receive_correction', input: { receivedOn: day, responseText: '已补充文件名称' }, actor: clerk, now: at(day) });
  }
  if (plan === 'withdrawn') {
    await step({ name: 'withdraw', input: { reason: '申请人来电表示撤回申请' }, actor: clerk, now: at(clamp(addWorkingDays(day, 2, cal))) });
    return;
  }
  if (sc.consultation) {
    day = clamp(addWorkingDays(day, 2, cal));
    await step({ name: 'start_consultation', input: { kind: 'third_party', party: '示范市宏达建设有限公司', receivedByPartyOn: clamp(addWorkingDays(day, 1, cal)) }, actor: clerk, now: at(day) });
    if (plan === 'consulting') return;
    day = clamp(addWorkingDays(day, 6, cal));
    await step({ name: 'end_consultation', input: { repliedOn: day, opinion: '不同意公开涉及商业秘密的部分' }, actor: clerk, now: at(day) });
  }
  const outcome = sc.outcome;
  day = clamp(addWorkingDays(day, sc.draftDays, cal));
  const draft = await saveAnswerDraftChained(
    tx,
    {
      caseId,
      expectedVersion: version,
      actor: clerk,
      now: at(day),
      draft: { outcome, reason: REASONS[outcome], isSeparated: outcome === 'partially_granted', details: DETAILS[outcome] },
    },
    carried,
  );
  version = draft.result.version;
  carried = draft.record;
  if (outcome === 'granted' || outcome === 'partially_granted') {
    await step({ name: 'record_confidentiality_review', input: { note: '经保密审查，可以公开' }, actor: reviewer, now: at(day, '14:00') });
  }
  await step({ name: 'submit_answer', input: {}, actor: clerk, now: at(day, '15:00') });
  if (plan === 'pending_approval') return;
  day = clamp(addWorkingDays(day, 1, cal));
  await step({ name: 'approve_answer', input: {}, actor: reviewer, now: at(day) });
  if (plan === 'answered') return;
  const delivered = clamp(addWorkingDays(day, 2, cal));
  await step({
    name: 'record_delivery',
    input: online ? { method: 'online_download', deliveredOn: delivered, receiptNote: '申请人已在线下载' } : { method: 'post', deliveredOn: delivered, postalTrackingNo: `EMS${String(1e9 + i)}` },
    actor: clerk,
    now: at(delivered),
  });
  if (plan === 'archived') {
    await step({ name: 'archive', input: { retentionNote: '按档案管理规定保存10年' }, actor: clerk, now: at(clamp(addWorkingDays(delivered, 5, cal))) });
  }
}

export interface DemoCaseOptions {
  /** The seed's today (China); default the real one. Cases are received from 2025-01-02 until the day before. */
  today?: string;
  /** How many cases to plan (GONGKAI_DEMO_CASES, default 240); fewer when the span has fewer working days. */
  total?: number;
}

/**
 * Every demo case's script, drawn in order with the seed's fixed random numbers: `total` cases received from
 * 2025-01-02 until the day before `today`, spread evenly (on working days). No database access.
 */
export function planDemoCases(p: { today: string; total: number; cal: Awaited<ReturnType<typeof loadCalendar>>; orgs: { id: number }[]; applicants: Actor[] }): CaseScript[] {
  const { today, total, cal, orgs, applicants } = p;
  const r = rng(20261126);
  const start = '2025-01-02';
  const spanDays = Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000) - 3;
  const scripts: CaseScript[] = [];
  for (let i = 0; i < total; i++) {
    const received = nextWorkingDay(new Date(Date.parse(start) + Math.floor((i / total) * spanDays) * 86_400_000).toISOString().slice(0, 10), cal);
    if (received >= today) break;
    const age = Math.round((Date.parse(today) - Date.parse(received)) / 86_400_000);
    scripts.push(drawCase(r, i, received, age, orgs, applicants));
  }
  return scripts;
}

/** Creates the demo cases in the demo organisations (seed-demo.ts creates those and the accounts first). */
export async function seedDemoCases(log: (l: string) => void = console.log, options: DemoCaseOptions = {}): Promise<number> {
  const today = options.today ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const cal = await loadCalendar();
  const clerk = await actorFor(DEMO_ACCOUNTS.find((a) => a.login === 'clerk@demo.gongkai.cn')!.login);
  const reviewer = await actorFor('reviewer@demo.gongkai.cn');
  const applicants = [await actorFor('13800000001'), await actorFor('applicant@demo.gongkai.cn')];
  const orgs = await db.organisation.findMany({ where: { code: { in: DEMO_ORGS.map((o) => o.code) } }, select: { id: true }, orderBy: { id: 'asc' } });
  const scripts = planDemoCases({ today, total: options.total ?? Number(process.env.GONGKAI_DEMO_CASES ?? 240), cal, orgs, applicants });
  // One lane per organisation, in parallel: within an organisation the cases are created in the original
  // order, so each organisation's 文号 sequences number the same letters as before; organisations share nothing
  // else the steps read. The lanes overlap one case's database round trips with another's work.
  const lanes = new Map<number, CaseScript[]>();
  for (const sc of scripts) lanes.set(sc.orgId, [...(lanes.get(sc.orgId) ?? []), sc]);
  const ctx: SeedContext = { today, cal, clerk, reviewer };
  const created = await Promise.all(
    [...lanes.values()].map(async (lane) => {
      let n = 0;
      for (const sc of lane) if (await runCase(sc, ctx, log)) n++;
      return n;
    }),
  );
  return created.reduce((a, b) => a + b, 0);
}
