/**
 * Which messages each group of client components receives (issue 13: a page carries only the messages it
 * uses). Server components translate on the server with `getTranslations` and need no entry here; a client
 * component that calls `useTranslations` must sit under `<ClientMessages set=…>` (components/client-messages.tsx)
 * whose set includes every key it reads — including the message keys a server action may return.
 * Keys are dotted paths into the catalogue (lib/i18n/messages); a unit test checks that each one exists.
 */

/** Message keys a server action or route can hand back to any form: errors, validation and domain errors. */
const ERRORS = ['errors', 'validation', 'case', 'attachment', 'workflow.error', 'common'] as const;
/** The same for the administration forms, plus the admin area's shared errors and labels. */
const ADMIN_ERRORS = [...ERRORS, 'admin.errors', 'admin.common'] as const;

/**
 * The citizen pages' header and title (components/portal/portal-page.tsx): the Pages Router renders the
 * header in the browser too, so its texts travel with each of those pages' messages.
 */
const PORTAL_SHELL = [
  'app.name',
  'app.fullName',
  'app.skipToContent',
  'nav.home',
  'nav.apply',
  'nav.track',
  'nav.myApplications',
  'nav.staff',
  'nav.signIn',
  'nav.signOut',
  'nav.language',
  'nav.languageSubmit',
  'readingRoom.nav',
  'publicReports.nav',
  'auth.signedInAs',
  'auth.changePassword',
  'locale',
] as const;

/**
 * The staff frame of the Pages Router's staff pages (components/staff/staff-page.tsx): the header of the App
 * Router's staff layout (brand, navigation, user, language) and the 404 page a non-staff user gets.
 */
const STAFF_SHELL = [
  'app.name',
  'app.skipToContent',
  'nav.home',
  'nav.staff',
  'nav.queue',
  'nav.dashboard',
  'nav.cases',
  'nav.admin',
  'nav.signOut',
  'nav.language',
  'nav.languageSubmit',
  'staff.dashboard.register',
  'staff.counter.nav',
  'auth.signedInAs',
  'auth.changePassword',
  'locale',
  'errors.notFound',
] as const;

export const CLIENT_MESSAGES = {
  /** / (pages/index.tsx): the header and the home page. */
  home: [...PORTAL_SHELL, 'home', 'publicReports.homeLink'],
  /** /apply (pages/apply.tsx): the header, the application form, the organisation picker and the confirmation. */
  apply: [
    ...PORTAL_SHELL,
    'portal.apply',
    'portal.org',
    'portal.confirm',
    'portal.idDocType',
    'portal.requestedForm',
    'portal.deliveryMethod',
    'portal.upload',
    'portal.requiredNote',
    'applicantType',
    ...ERRORS,
  ],
  /** /track (pages/track.tsx): the header and the look-up form. */
  track: [...PORTAL_SHELL, 'portal.track', ...ERRORS],
  /** /track/[trackingNo] and /my/[id]: the applicant's actions on a case (correction, fee, withdrawal). */
  portalCase: ['portal', 'status', ...ERRORS],
  /** /signin and /register. */
  auth: ['auth', 'nav.signIn', ...ERRORS],
  /** /staff (pages/staff/index.tsx): the staff frame, the dashboard and the audit export form. */
  staffDashboard: [...STAFF_SHELL, 'staff.dashboard', 'staff.audit.title', 'staff.audit.intro', 'staff.audit.from', 'staff.audit.to', 'staff.audit.download'],
  /**
   * /staff/cases (pages/staff/cases.tsx): the staff frame, the register with its filters, pickers, rows and
   * the register export (whose job can answer any error key).
   */
  staffList: [
    ...STAFF_SHELL,
    'staff.list',
    'staff.picker',
    'staff.personRole',
    'staff.deadline.tentative',
    'staff.export',
    'role',
    'status',
    'channel',
    'applicantType',
    'outcome',
    ...ERRORS,
  ],
  /** Staff registration forms (登记, 当场答复). */
  staffCase: ['staff', 'workflow', 'answer', 'outcome', 'status', 'role', 'deadline', 'applicantType', 'channel', ...ERRORS],
  /**
   * The staff case page (app/(staff)/staff/cases/[id]): only what its client components translate — the step
   * forms, the answer draft, uploads, 更正, the reading-room forms, the reveal buttons — and the answers their
   * server actions return (staff.done…, errors, guards). Its server components (request, deadline, records,
   * documents, timeline) translate on the server, so their messages (deadline explanations, event and document
   * names, statuses, roles…) are not sent: they were 30 of the 54 KB this set put into every case page.
   */
  staffCasePage: [
    'staff.case.revealId',
    'staff.case.revealContact',
    'staff.case.noActions',
    'staff.case.saved',
    'staff.records.col.result',
    'staff.records.col.decidedOn',
    // The steps' titles, help, field labels and reasons held back come translated from the server (step-fields.ts stepTexts).
    'staff.field.choose',
    'staff.answer',
    'staff.next',
    'staff.done',
    'staff.correct',
    'staff.fee',
    'staff.repeat.answer',
    'staff.repeat.done',
    'staff.repeat.drafted',
    'staff.upload',
    'staff.publication',
    'workflow.guard',
    'workflow.consultationKind',
    'workflow.feeMethod',
    'workflow.deliveryMethod',
    'workflow.internalTopic',
    'workflow.appealKind',
    'workflow.appealResult',
    'workflow.filePurpose',
    'workflow.event.appeal_result_recorded',
    'answer',
    'outcome',
    // A step or correction in a year whose report is locked (lib/reports/period-lock.ts).
    'report.locked',
    ...ERRORS,
  ],
  // The administration area: one set per section (app/(admin)/admin/<section>/layout.tsx). Pages without
  // translating client components (home, audit, quality, supervision) have no provider.
  /**
   * /admin/reports itself (its page.tsx): the export panel and jobs, and for admins the lock, published-table
   * and publication forms — not the text editor's, section 二 form's or print page's messages.
   */
  adminReportPage: [
    'report.page',
    'report.checks',
    'report.exports',
    'report.published',
    'report.lock',
    'report.publication',
    'report.locked',
    'report.locked_by_ancestor',
    'report.invalid_year',
    'report.unlock_reason_required',
    'statistics',
    ...ADMIN_ERRORS,
  ],
  /** /admin/reports/{text,section2,print} (their layout.tsx): text editor, section 二 form, print button. */
  adminReports: [
    'report.page',
    'report.checks',
    'report.exports',
    'report.published',
    'report.lock',
    'report.section2',
    'report.publication',
    'report.print',
    'report.text',
    'report.locked',
    'report.locked_by_ancestor',
    'report.invalid_year',
    'report.unlock_reason_required',
    'statistics',
    ...ADMIN_ERRORS,
  ],
  adminUsers: ['admin.users', 'staff.picker', 'role', 'auth.passwordHint', ...ADMIN_ERRORS],
  adminOrganisations: ['admin.organisations', ...ADMIN_ERRORS],
  adminHolidays: ['admin.holidays', 'calendar', ...ADMIN_ERRORS],
  adminImport: ['admin.import', 'import', ...ADMIN_ERRORS],
  adminOutbox: ['admin.outbox', ...ADMIN_ERRORS],
  adminOversight: ['admin.oversight', 'staff.picker', 'report.oversight', 'report.invalid_year', ...ADMIN_ERRORS],
  adminSettings: ['admin.settings', ...ADMIN_ERRORS],
  adminTemplates: ['admin.templates', 'staff.picker', ...ADMIN_ERRORS],
  adminApiTokens: ['admin.apiTokens', 'staff.picker', ...ADMIN_ERRORS],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessageSet = keyof typeof CLIENT_MESSAGES;

/**
 * Sets whose client components translate with the small translator of lib/i18n/lite-client.tsx instead of
 * next-intl's (issue 13: the citizen pages' first-load JS carries no use-intl). Their provider is
 * `<LiteClientMessages>` (components/lite-client-messages.tsx) and their components import `useTranslations`
 * from '@/lib/i18n/lite-client'; every other set's provider is `<ClientMessages>` and its hook next-intl's.
 * Two provider components, not one choosing: a page that merely imports next-intl's provider ships its code.
 */
export const LITE_CLIENT_SETS = ['home', 'apply', 'track', 'portalCase', 'staffDashboard', 'staffList'] as const satisfies readonly ClientMessageSet[];
export type LiteClientMessageSet = (typeof LITE_CLIENT_SETS)[number];
export type IntlClientMessageSet = Exclude<ClientMessageSet, LiteClientMessageSet>;

/** The sets of the citizen pages served by the Pages Router (lib/portal/pages.ts, `<PortalPage set=…>`). */
export type PortalPageMessageSet = 'home' | 'apply' | 'track';
/** The sets of the staff pages served by the Pages Router (lib/staff-pages/server.ts, `<StaffPage set=…>`). */
export type StaffPageMessageSet = 'staffDashboard' | 'staffList';
