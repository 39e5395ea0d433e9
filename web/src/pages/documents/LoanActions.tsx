import { useState, type MouseEvent } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { IMPORTANT_LOAN_WORKING_DAYS, type TLoan } from '@opsdesk/contract';
import { useDocument, useLoanAction } from '../../api/documents.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { DATE_FORMAT } from '../../lib/time.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { LoanApplyDrawer } from './LoanApplyDrawer.tsx';
import { useWorkingDays } from './useWorkingDays.ts';

type Dialog = 'register' | 'return' | 'resubmit' | null;

/** DOC-5 登记借出: the archivist confirms the deadline (≤ 3 working days for 重要) after approval. */
function RegisterModal({ loan, onClose }: { loan: TLoan; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ dueDate: Dayjs | null; note?: string }>();
  const action = useLoanAction(loan.id);
  const days = useWorkingDays(loan.from, 2);
  const latest = loan.document.important ? days.nthAfter(loan.from, IMPORTANT_LOAN_WORKING_DAYS) : null;

  const onFinish = (v: { dueDate: Dayjs | null; note?: string }) =>
    action.mutate(
      { kind: 'register', body: { dueDate: v.dueDate?.format(DATE_FORMAT), note: v.note?.trim() || null } },
      {
        onSuccess: () => {
          void message.success(t('documents.loan.registered'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['dueDate', 'note'])) notifyError(err);
        },
      },
    );

  return (
    <Modal open title={t('documents.loan.registerTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('documents.loan.register')} confirmLoading={action.isPending} destroyOnHidden>
      <Alert type="info" showIcon title={t('documents.loan.registerHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ dueDate: dayjs(loan.to) }}>
        <Form.Item
          name="dueDate"
          label={t('documents.loan.registerDue')}
          extra={loan.document.important ? t('documents.loan.registerDueHint', { days: IMPORTANT_LOAN_WORKING_DAYS }) + (latest ? ` ${t('documents.loan.latestDate', { date: latest })}` : '') : undefined}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('documents.loan.registerDue') }) }]}
        >
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            disabledDate={(d) => {
              const day = d.format(DATE_FORMAT);
              return day < loan.from || (latest !== null && day > latest);
            }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('documents.loan.registerNote')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** DOC-5 归还: recorded by the archivist when the original is back. */
function ReturnModal({ loan, onClose }: { loan: TLoan; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ note?: string }>();
  const action = useLoanAction(loan.id);
  const onFinish = (v: { note?: string }) =>
    action.mutate(
      { kind: 'return', body: { note: v.note?.trim() || null } },
      {
        onSuccess: () => {
          void message.success(t('documents.loan.returned'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['note'])) notifyError(err);
        },
      },
    );
  return (
    <Modal open title={t('documents.loan.returnTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('documents.loan.return')} confirmLoading={action.isPending} destroyOnHidden>
      <Alert type="info" showIcon title={t('documents.loan.returnHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="note" label={t('documents.loan.returnNote')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 退回修改: the same application form, filled with what was sent. */
function Resubmit({ loan, onClose }: { loan: TLoan; onClose: () => void }) {
  const doc = useDocument(loan.document.id);
  if (!doc.data) return <Spin fullscreen />;
  return <LoanApplyDrawer doc={doc.data} limitDays={doc.data.loanLimitWorkingDays} resubmit={loan} onClose={onClose} onDone={onClose} />;
}

/** What the signed-in person may do with a loan now (the server's permissions), plus printing the form. */
export function LoanActions({ loan, size = 'middle', showPrint = false }: { loan: TLoan; size?: 'small' | 'middle'; showPrint?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const withdraw = useLoanAction(loan.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const p = loan.permissions;
  const link = size === 'small';
  const type = (primary: boolean) => (link ? 'link' : primary ? 'primary' : 'default');
  const stop = (e: MouseEvent) => e.stopPropagation();

  return (
    <span onClick={stop}>
      <Space size={link ? 0 : 8} wrap>
        {p.canRegister ? (
          <Button type={type(true)} size={size} onClick={() => setDialog('register')} data-testid="loan-register">
            {t('documents.loan.register')}
          </Button>
        ) : null}
        {p.canReturn ? (
          <Button type={type(true)} size={size} onClick={() => setDialog('return')} data-testid="loan-return">
            {t('documents.loan.return')}
          </Button>
        ) : null}
        {p.canResubmit ? (
          <Button type={type(true)} size={size} onClick={() => setDialog('resubmit')}>
            {t('documents.loan.resubmit')}
          </Button>
        ) : null}
        {p.canWithdraw ? (
          <Popconfirm
            title={t('documents.loan.withdrawConfirm')}
            onConfirm={() => withdraw.mutate({ kind: 'withdraw' }, { onSuccess: () => void message.success(t('documents.loan.withdrawn')), onError: notifyError })}
          >
            <Button type={link ? 'link' : 'default'} size={size} danger loading={withdraw.isPending}>
              {t('documents.loan.withdraw')}
            </Button>
          </Popconfirm>
        ) : null}
        {showPrint ? (
          <Button type={type(false)} size={size} icon={<PrinterOutlined />} onClick={() => void navigate(`/documents/loans/${loan.id}/print`)}>
            {t('documents.loan.printApplication')}
          </Button>
        ) : null}
      </Space>
      {dialog === 'register' ? <RegisterModal loan={loan} onClose={() => setDialog(null)} /> : null}
      {dialog === 'return' ? <ReturnModal loan={loan} onClose={() => setDialog(null)} /> : null}
      {dialog === 'resubmit' ? <Resubmit loan={loan} onClose={() => setDialog(null)} /> : null}
    </span>
  );
}
