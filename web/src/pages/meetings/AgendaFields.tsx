import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Space, Tag, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail, TMeetingWarning } from '@opsdesk/contract';
import { useCarryOvers } from '../../api/meetings.ts';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { WarningList } from './MeetingFormFields.tsx';
import { instants, type AgendaRow, type MaterialRow, type MeetingFormValues } from './formValues.ts';
import { minutesBetween } from './when.ts';

interface AgendaProps {
  form: FormInstance<MeetingFormValues>;
  warnings: readonly TMeetingWarning[];
  isMobile: boolean;
  meeting?: TMeetingDetail;
}

/** 会议议程 (MTG-3/4): each item's duration and goal; items carried over (MTG-11) offered first. */
export function AgendaFields({ form, warnings, isMobile, meeting }: AgendaProps) {
  const { t } = useTranslation();
  const agenda = (Form.useWatch('agenda', form) ?? []) as AgendaRow[];
  const date = Form.useWatch('date', form);
  const time = Form.useWatch('time', form);
  const reasonValue = Form.useWatch('agendaReason', form) as string | null | undefined;
  const carry = useCarryOvers({ open: 'true', seriesId: meeting?.seriesId ?? undefined });
  const total = agenda.reduce((sum, a) => sum + (a.durationMinutes ?? 0), 0);
  const when = instants({ date, time });
  const length = when ? minutesBetween(when.startsAt, when.endsAt) : null;
  // MTG-4: the server says when a reason is needed; the field stays once something is written in it.
  const needsReason = warnings.some((w) => w.reasonField === 'agendaReason') || Boolean(reasonValue);
  const taken = new Set(agenda.map((a) => a.carriedOverFromId).filter(Boolean));
  const offered = (carry.data?.items ?? []).filter((c) => !taken.has(c.id) && (!c.takenUpBy || c.takenUpBy.meetingId === meeting?.id));
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <>
      {offered.length > 0 ? (
        <Alert
          type="info"
          showIcon
          icon={<RollbackOutlined />}
          title={t('meetings.form.carryOversTitle', { count: offered.length })}
          style={{ marginBottom: 16 }}
          description={
            <Flex vertical gap={6}>
              {offered.map((c) => (
                <Flex key={c.id} justify="space-between" align="center" gap={8} wrap>
                  <span>
                    <Typography.Text strong>{c.title}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{t('meetings.form.carryOverFrom', { topic: c.topic, date: c.nextDate })}</Typography.Text>
                  </span>
                  <Button
                    size="small"
                    onClick={() => {
                      const rows = (form.getFieldValue('agenda') ?? []) as AgendaRow[];
                      const blank = rows.length === 1 && !rows[0]?.title;
                      const row: AgendaRow = { title: c.title, goal: c.goal, durationMinutes: 20, carriedOverFromId: c.id, carriedOverLabel: c.topic };
                      form.setFieldValue('agenda', blank ? [row] : [...rows, row]);
                    }}
                  >
                    {t('meetings.form.carryOverAdd')}
                  </Button>
                </Flex>
              ))}
            </Flex>
          }
        />
      ) : null}
      <Form.List name="agenda">
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={isMobile ? 12 : 0}>
            {isMobile ? null : (
              <Row gutter={8} className="od-mtg-list-head">
                <Col span={1} />
                <Col span={8}>{t('meetings.form.agendaTitle')}</Col>
                <Col span={3}>{t('meetings.form.agendaDuration')}</Col>
                <Col span={7}>{t('meetings.form.agendaGoal')}</Col>
                <Col span={4}>{t('meetings.form.agendaPresenter')}</Col>
              </Row>
            )}
            {fields.map((field, index) => {
              const row = agenda[index];
              const remover = (
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
              );
              const cells = (
                <>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'title']} rules={[required(t('meetings.form.agendaTitle'))]} label={isMobile ? t('meetings.form.agendaTitle') : undefined}>
                      <Input
                        maxLength={200}
                        placeholder={t('meetings.form.agendaTitlePlaceholder')}
                        aria-label={`${t('meetings.form.agendaTitle')} ${index + 1}`}
                        suffix={row?.carriedOverFromId ? <Tag color="purple">{t('meetings.form.carriedOver')}</Tag> : undefined}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[field.name, 'durationMinutes']} rules={[required(t('meetings.form.agendaDuration'))]} label={isMobile ? t('meetings.form.agendaDuration') : undefined}>
                      <InputNumber min={1} max={480} style={{ width: '100%' }} aria-label={`${t('meetings.form.agendaDuration')} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item name={[field.name, 'goal']} label={isMobile ? t('meetings.form.agendaGoal') : undefined}>
                      <Input maxLength={500} placeholder={t('meetings.form.agendaGoalPlaceholder')} aria-label={`${t('meetings.form.agendaGoal')} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <Form.Item name={[field.name, 'presenterId']} label={isMobile ? t('meetings.form.agendaPresenter') : undefined}>
                      <PersonSelect style={{ width: '100%' }} placeholder={t('meetings.form.agendaPresenter')} initialLabel={meeting?.agenda.find((a) => a.id === row?.id)?.presenter?.name} />
                    </Form.Item>
                  </Col>
                </>
              );
              return isMobile ? (
                <Card key={field.key} size="small" title={`${index + 1}.`} extra={remover}>
                  <Row gutter={8}>{cells}</Row>
                </Card>
              ) : (
                <Row key={field.key} gutter={8} align="top">
                  <Col span={1} className="od-mtg-list-index">
                    {index + 1}.
                  </Col>
                  {cells}
                  <Col span={1}>{remover}</Col>
                </Row>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
              <Button icon={<PlusOutlined />} onClick={() => add({ durationMinutes: 20 })}>
                {t('meetings.form.agendaAdd')}
              </Button>
              <Typography.Text type={length !== null && total > length ? 'warning' : 'secondary'} data-testid="agenda-total">
                {t('meetings.form.agendaTotal', { count: fields.length, minutes: total })}
                {length !== null && total !== length ? t('meetings.form.agendaTotalOver', { meeting: length }) : ''}
              </Typography.Text>
            </Flex>
          </Flex>
        )}
      </Form.List>
      <WarningList warnings={warnings} codes={['agenda_items', 'agenda_duration']} />
      {needsReason ? (
        <Form.Item name="agendaReason" label={t('meetings.form.agendaReason')} rules={[{ required: true, whitespace: true, message: t('meetings.form.reasonNeeded') }]} style={{ marginBottom: 0 }}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('meetings.form.agendaReasonPlaceholder')} />
        </Form.Item>
      ) : null}
    </>
  );
}

/** 需准备材料: what, and who prepares it; files are uploaded on the meeting page once it exists. */
export function MaterialFields({ meeting, isMobile }: { meeting?: TMeetingDetail; isMobile: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<MeetingFormValues>();
  const rows = (Form.useWatch('materials', form) ?? []) as MaterialRow[];
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <Flex vertical gap={isMobile ? 8 : 0}>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top">
              <Col xs={24} md={14}>
                <Form.Item
                  name={[field.name, 'title']}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('meetings.form.materialTitle') }) }]}
                  label={isMobile ? t('meetings.form.materialTitle') : undefined}
                >
                  <Input maxLength={200} placeholder={t('meetings.form.materialTitlePlaceholder')} aria-label={`${t('meetings.form.materialTitle')} ${index + 1}`} />
                </Form.Item>
              </Col>
              <Col xs={20} md={8}>
                <Form.Item
                  name={[field.name, 'ownerId']}
                  rules={[{ required: true, message: t('common.requiredSelect', { field: t('meetings.form.materialOwner') }) }]}
                  label={isMobile ? t('meetings.form.materialOwner') : undefined}
                >
                  <PersonSelect
                    style={{ width: '100%' }}
                    placeholder={t('meetings.form.materialOwner')}
                    initialLabel={meeting?.materials.find((m) => m.id === rows[index]?.id)?.owner.name}
                  />
                </Form.Item>
              </Col>
              <Col xs={4} md={2}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
              </Col>
            </Row>
          ))}
          <Space orientation="vertical">
            <Button icon={<PlusOutlined />} onClick={() => add({})}>
              {t('meetings.form.materialAdd')}
            </Button>
            <Typography.Text type="secondary">{t('meetings.form.materialHint')}</Typography.Text>
          </Space>
        </Flex>
      )}
    </Form.List>
  );
}
