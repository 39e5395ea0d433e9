import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TDocumentSummary, TLoan, TLoanApply, TLoanMedium } from '@opsdesk/contract';
import { isApiError } from '../../api/client.ts';
import { useApplyLoan, useLoanAction } from '../../api/documents.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { DATE_FORMAT, companyToday } from '../../lib/time.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { DocumentNumber, ImportantTag, SecrecyTag, versionText } from './docTags.tsx';
import { useWorkingDays } from './useWorkingDays.ts';

interface Values {
  purpose: string;
  period: [Dayjs | null, Dayjs | null] | null;
  medium: TLoanMedium;
  allowDownload: boolean;
}

type Doc = Pick<TDocumentSummary, 'id' | 'name' | 'number' | 'version' | 'secrecy' | 'important' | 'file' | 'paperLocation'>;

interface Props {
  doc: Doc;
  /** DOC-5: 3 for 重要 documents, else null (from the detail). */
  limitDays: number | null;
  /** 退回修改: the application to change and send again. */
  resubmit?: TLoan;
  onClose: () => void;
  onDone: (loan: TLoan) => void;
}

/**
 * 《文档借阅申请表》 (DOC-5): document, purpose, dates, paper or electronic. Before submit it says
 * who will approve and, for a 重要 document, the last allowed return date (3 working days).
 */
export function LoanApplyDrawer({ doc, limitDays, resubmit, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const apply = useApplyLoan(doc.id);
  const again = useLoanAction(resubmit?.id ?? 0);
  const pending = apply.isPending || again.isPending;
  const today = companyToday();
  const days = useWorkingDays(today, 3);
  const period = Form.useWatch('period', form);
  const medium = Form.useWatch('medium', form);
  const from = period?.[0]?.format(DATE_FORMAT) ?? null;
  const latest = limitDays && from ? days.nthAfter(from, limitDays) : null;
  const to = period?.[1]?.format(DATE_FORMAT) ?? null;
  const secret = doc.secrecy === 'secret';
  const defaultMedium: TLoanMedium = doc.file && !doc.paperLocation ? 'electronic' : 'paper';

  const initial: Partial<Values> = resubmit
    ? { purpose: resubmit.purpose, period: [dayjs(resubmit.from), dayjs(resubmit.to)], medium: resubmit.medium, allowDownload: resubmit.allowDownload }
    : { medium: defaultMedium, allowDownload: false, period: [dayjs(today), null] };

  const onError = (err: unknown) => {
    // The server names `from` or `to`; both live in the one range picker here.
    if (isApiError(err) && (err.field === 'from' || err.field === 'to')) {
      form.setFields([{ name: 'period', errors: [err.message] }]);
      return;
    }
    if (!applyFieldErrors(form, err, ['purpose', 'medium', 'allowDownload'])) notifyError(err);
  };

  const onFinish = (v: Values) => {
    const body: TLoanApply = {
      purpose: v.purpose.trim(),
      from: v.period?.[0]?.format(DATE_FORMAT) ?? '',
      to: v.period?.[1]?.format(DATE_FORMAT) ?? '',
      medium: v.medium,
      allowDownload: v.medium === 'electronic' && v.allowDownload,
    };
    const done = (loan: TLoan) => {
      void message.success(t(resubmit ? 'documents.loan.resubmitted' : 'documents.loan.submitted'));
      onDone(loan);
    };
    if (resubmit) again.mutate({ kind: 'resubmit', body }, { onSuccess: done, onError });
    else apply.mutate(body, { onSuccess: done, onError });
  };

  return (
    <Drawer
      open
      title={t('documents.loan.applyTitle')}
      onClose={onClose}
      size={isMobile ? '100%' : 560}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="loan-submit">
            {t('documents.loan.submit')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('documents.fields.name')}>
          <Space size={4} wrap>
            {doc.name}
            <SecrecyTag secrecy={doc.secrecy} />
            <ImportantTag important={doc.important} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.fields.number')}>
          {doc.number ? <DocumentNumber number={doc.number} /> : versionText(doc.version)}
        </Descriptions.Item>
      </Descriptions>
      <Form<Values> name="loan" form={form} layout="vertical" onFinish={onFinish} disabled={pending} initialValues={initial}>
        <Form.Item
          name="purpose"
          label={t('documents.loan.purpose')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('documents.loan.purpose') }) }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('documents.loan.purposePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('documents.loan.period')}
          required
          rules={[
            {
              validator: (_, value: Values['period']) =>
                value?.[0] && value[1] ? Promise.resolve() : Promise.reject(new Error(t('common.requiredSelect', { field: t('documents.loan.period') }))),
            },
          ]}
          extra={limitDays ? (latest ? t('documents.loan.importantLimit', { days: limitDays, latest }) : t('documents.loan.importantLimitShort', { days: limitDays })) : undefined}
        >
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            placeholder={[t('documents.loan.from'), t('documents.loan.to')]}
            inputReadOnly={isMobile}
            disabledDate={(d, info) => {
              const day = d.format(DATE_FORMAT);
              if (day < today) return true;
              // DOC-5: a 重要 document comes back within 3 working days of its loan date.
              // While the end is picked, `info.from` is the start just chosen.
              const start = info.from?.format(DATE_FORMAT);
              if (limitDays && start) {
                const last = days.nthAfter(start, limitDays);
                if (last && day > last) return true;
              }
              return false;
            }}
          />
        </Form.Item>
        {limitDays && latest && to && to > latest ? (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('documents.loan.importantOver', { days: limitDays, latest })} />
        ) : null}
        <Form.Item name="medium" label={t('documents.loan.medium')} extra={medium ? t(`documents.loan.mediaHint.${medium}`) : undefined}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'paper', label: t('documents.loan.media.paper'), disabled: !doc.paperLocation },
              { value: 'electronic', label: t('documents.loan.media.electronic'), disabled: !doc.file },
            ]}
          />
        </Form.Item>
        {secret && medium === 'electronic' ? (
          <Form.Item name="allowDownload" valuePropName="checked" extra={t('documents.loan.allowDownloadHint')}>
            <Checkbox>{t('documents.loan.allowDownload')}</Checkbox>
          </Form.Item>
        ) : null}
        <Alert
          type="info"
          showIcon
          title={t('documents.loan.chainHint', { leader: secret ? t('documents.loan.chainLeader') : '' })}
        />
      </Form>
    </Drawer>
  );
}
