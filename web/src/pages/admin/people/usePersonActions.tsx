import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TPerson, TPersonWithPassword } from '@opsdesk/contract';
import { useResetPassword, useUnlockPerson, useUpdatePerson } from '../../../api/org.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';

export type PersonAction = 'edit' | 'disable' | 'enable' | 'resetPassword' | 'unlock';

/** The actions an admin has on one account, in the order they are offered. */
export function actionsFor(person: TPerson): PersonAction[] {
  const list: PersonAction[] = ['edit', person.active ? 'disable' : 'enable', 'resetPassword'];
  if (person.locked) list.push('unlock');
  return list;
}

export const ACTION_LABEL = {
  edit: 'common.edit',
  disable: 'people.disable',
  enable: 'people.enable',
  resetPassword: 'people.resetPassword',
  unlock: 'people.unlock',
} as const;

interface Handlers {
  onEdit: (person: TPerson) => void;
  onPassword: (result: TPersonWithPassword) => void;
}

/** Runs an action, asking first where it cannot be undone quietly (disable, reset password). */
export function usePersonActions({ onEdit, onPassword }: Handlers) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const update = useUpdatePerson();
  const reset = useResetPassword();
  const unlock = useUnlockPerson();
  const notifyError = useNotifyError();

  return (action: PersonAction, person: TPerson) => {
    switch (action) {
      case 'edit':
        onEdit(person);
        return;
      case 'disable':
        void modal.confirm({
          title: t('people.disableConfirm', { name: person.name }),
          content: t('people.disableHint'),
          okText: t('people.disable'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () =>
            update
              .mutateAsync({ id: person.id, body: { active: false } })
              .then(() => void message.success(t('people.disabled')), notifyError),
        });
        return;
      case 'enable':
        update.mutate(
          { id: person.id, body: { active: true } },
          { onSuccess: () => void message.success(t('people.enabled')), onError: notifyError },
        );
        return;
      case 'resetPassword':
        void modal.confirm({
          title: t('people.resetConfirm', { name: person.name }),
          content: t('people.resetHint'),
          okText: t('people.resetPassword'),
          cancelText: t('common.cancel'),
          onOk: () => reset.mutateAsync(person.id).then(onPassword, notifyError),
        });
        return;
      case 'unlock':
        unlock.mutate(person.id, {
          onSuccess: () => void message.success(t('people.unlocked')),
          onError: notifyError,
        });
        return;
    }
  };
}
