import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TApprovalDetail } from '@opsdesk/contract';
import { isApiError } from '../../api/client.ts';
import { useApprovalAction } from '../../api/approvals.ts';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';

type Kind = 'approve' | 'reject' | 'return' | 'transfer' | 'comment' | 'cc';
interface Values {
  opinion?: string;
  toId?: number | null;
  /** One person at a time: the select is single, the server takes a list. */
  personIds?: number | null;
}

/** Reject and return need a reason (the server says so too); a comment is nothing but its text. */
const NEEDS_OPINION: Kind[] = ['reject', 'return', 'comment'];

/** The sticky footer: exactly the actions the server's `permissions` allow, each in a small dialog. */
export function ApprovalActions({ detail, onConflict }: { detail: TApprovalDetail; onConflict: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind | null>(null);
  const [form] = Form.useForm<Values>();
  const action = useApprovalAction(detail.id);
  const notifyError = useNotifyError();
  const p = detail.permissions;
  const stepId = detail.currentStep?.id;

  const buttons: { kind: Kind; show: boolean; primary?: boolean; danger?: boolean }[] = [
    { kind: 'approve', show: p.canApprove, primary: true },
    { kind: 'reject', show: p.canReject, danger: true },
    { kind: 'return', show: p.canReturn },
    { kind: 'transfer', show: p.canTransfer },
    { kind: 'comment', show: p.canComment },
    { kind: 'cc', show: p.canCC },
  ];
  const shown = buttons.filter((b) => b.show);
  if (shown.length === 0) return null;

  const start = (next: Kind) => {
    form.resetFields();
    setKind(next);
  };

  const submit = async () => {
    if (!kind) return;
    const v = await form.validateFields();
    const opinion = v.opinion?.trim() || null;
    const sid = stepId ?? 0;
    const body =
      kind === 'approve'
        ? { kind, body: { stepId: sid, opinion } }
        : kind === 'reject' || kind === 'return'
          ? { kind, body: { stepId: sid, opinion: opinion ?? '' } }
          : kind === 'comment'
            ? { kind, body: { opinion: opinion ?? '' } }
            : kind === 'transfer'
              ? { kind, body: { stepId: sid, toId: v.toId ?? 0, opinion } }
              : { kind, body: { personIds: v.personIds ? [v.personIds] : [], opinion } };
    action.mutate(body as Parameters<typeof action.mutate>[0], {
      onSuccess: () => {
        setKind(null);
        void message.success(t('approvals.done', { action: t(`approvals.actions.${kind}`) }));
      },
      onError: (err) => {
        // Someone else decided first (or the step moved on): show the current state.
        if (isApiError(err) && err.status === 409) {
          setKind(null);
          void message.warning(t('approvals.conflict'));
          onConflict();
          return;
        }
        if (!applyFieldErrors(form, err, ['opinion', 'toId', 'personIds'])) notifyError(err);
      },
    });
  };

  const required = kind !== null && NEEDS_OPINION.includes(kind);
  const label = kind ? t(`approvals.actions.${kind}`) : '';

  return (
    <>
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          background: 'var(--ant-color-bg-container, #fff)',
          borderTop: '1px solid rgba(5,5,5,0.06)',
          padding: '12px 16px',
          boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        }}
      >
        <Space wrap>
          {shown.map((b) => (
            <Button key={b.kind} type={b.primary ? 'primary' : 'default'} danger={b.danger} onClick={() => start(b.kind)}>
              {t(`approvals.actions.${b.kind}`)}
            </Button>
          ))}
        </Space>
      </div>
      <Modal
        open={kind !== null}
        title={label}
        okText={label}
        okButtonProps={{ danger: kind === 'reject', loading: action.isPending }}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setKind(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark>
          {kind === 'transfer' ? (
            <Form.Item name="toId" label={t('approvals.transferTo')} rules={[{ required: true, message: t('approvals.pickPerson') }]}>
              <PersonSelect placeholder={t('approvals.pickPerson')} />
            </Form.Item>
          ) : null}
          {kind === 'cc' ? (
            <Form.Item name="personIds" label={t('approvals.ccTo')} rules={[{ required: true, message: t('approvals.pickPerson') }]}>
              <PersonSelect placeholder={t('approvals.pickPerson')} />
            </Form.Item>
          ) : null}
          <Form.Item
            name="opinion"
            label={kind === 'comment' ? t('approvals.actions.comment') : t('approvals.opinion')}
            rules={required ? [{ required: true, whitespace: true, message: t('approvals.opinionRequired', { action: label }) }] : []}
          >
            <Input.TextArea
              rows={4}
              maxLength={2000}
              showCount
              placeholder={kind === 'comment' ? t('approvals.commentPlaceholder') : required ? undefined : t('approvals.opinionPlaceholder')}
            />
          </Form.Item>
          {kind === 'approve' && detail.currentStep ? (
            <Typography.Text type="secondary">{detail.currentStep.label}</Typography.Text>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
