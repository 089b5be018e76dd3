'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ActionMessage } from '../_components/action-message';
import { OrgPicker } from '../_components/org-picker';
import { changeStaffUserAction, resetPasswordAction, setStaffUserActiveAction, signOutEverywhereAction } from './actions';

const ROLES = ['clerk', 'reviewer', 'admin'] as const;

/** Role / organisation change and (de)activation of one staff account. */
export function UserRowActions({
  user,
  isSelf,
}: {
  user: { id: string; name: string; role: (typeof ROLES)[number]; orgId: number | null; orgName: string | null; isActive: boolean };
  isSelf: boolean;
}) {
  const t = useTranslations();
  const [changeState, changeAction, changing] = useActionState(changeStaffUserAction, null);
  const [activeState, activeAction, toggling] = useActionState(setStaffUserActiveAction, null);
  const changeError = changeState && !changeState.ok && changeState.fieldErrors ? Object.values(changeState.fieldErrors).flat() : [];
  return (
    <div className="flex flex-col gap-2">
      <form action={changeAction} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          {t('admin.users.fields.roleOf', { name: user.name })}
        </label>
        <select id={`role-${user.id}`} name="role" defaultValue={user.role} className="rounded border border-slate-300 px-2 py-1 text-sm" disabled={isSelf}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {isSelf && <input type="hidden" name="role" value={user.role} />}
        <div className="w-56">
          <OrgPicker
            id={`org-${user.id}`}
            name="orgId"
            label={t('admin.users.fields.organisationOf', { name: user.name })}
            labelClassName="sr-only"
            inputClassName="w-full rounded border border-slate-300 px-2 py-1 text-sm"
            initial={user.orgId !== null && user.orgName ? { value: String(user.orgId), label: user.orgName } : null}
          />
        </div>
        <button type="submit" className="btn-secondary px-3 py-1" disabled={changing}>
          {t('common.save')}
        </button>
      </form>
      {changeError.length > 0 && (
        <p role="alert" className="field-error">
          {changeError.map((k) => (t.has(k) ? t(k) : k)).join(' ')}
        </p>
      )}
      <ActionMessage state={changeState && (changeState.ok || !changeState.fieldErrors) ? changeState : null} />
      {!isSelf && (
        <form action={activeAction}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="isActive" value={user.isActive ? 'false' : 'true'} />
          <button type="submit" className={user.isActive ? 'btn-danger px-3 py-1' : 'btn-secondary px-3 py-1'} disabled={toggling}>
            {user.isActive ? t('admin.users.deactivate') : t('admin.users.reactivate')}
          </button>
          <ActionMessage state={activeState} />
        </form>
      )}
      <SignOutEverywhere userId={user.id} />
      {!isSelf && <ResetPassword userId={user.id} name={user.name} />}
    </div>
  );
}

/** Sets a new password for the account (told to its owner in person) and ends its sessions. */
function ResetPassword({ userId, name }: { userId: string; name: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(resetPasswordAction, null);
  const errors = state && !state.ok && state.fieldErrors ? Object.values(state.fieldErrors).flat() : [];
  return (
    <details>
      <summary className="cursor-pointer text-sm text-brand-700">{t('admin.users.resetPassword')}</summary>
      <form action={action} className="mt-2 flex flex-wrap items-end gap-2" data-testid="reset-password-form">
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`password-${userId}`}>
          {t('admin.users.newPasswordOf', { name })}
        </label>
        <input
          id={`password-${userId}`}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={200}
          required
          className="rounded border border-slate-300 px-2 py-1 text-sm"
          placeholder={t('auth.passwordHint')}
        />
        <button type="submit" className="btn-secondary px-3 py-1" disabled={pending}>
          {t('admin.users.resetPasswordSubmit')}
        </button>
      </form>
      {errors.length > 0 && (
        <p role="alert" className="field-error">
          {errors.map((k) => (t.has(k) ? t(k) : k)).join(' ')}
        </p>
      )}
      <ActionMessage state={state && (state.ok || !state.fieldErrors) ? state : null} />
    </details>
  );
}

/** Ends every session of the account (staff or applicant) at its next request. */
export function SignOutEverywhere({ userId }: { userId: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(signOutEverywhereAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="btn-secondary px-3 py-1" disabled={pending} data-testid="sign-out-everywhere">
        {t('admin.users.signOutEverywhere')}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
