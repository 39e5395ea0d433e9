import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { TAgendaItem } from '@opsdesk/contract';
import { PersonSelect } from '../../components/PersonSelect.tsx';

export interface ResolutionRow {
  id?: number;
  content?: string;
  deliverable?: string;
  ownerId?: number | null;
  /** Shown only: the saved owner's name for the picker. */
  ownerName?: string;
  dueDate?: Dayjs | null;
  agendaItemId?: number | null;
}

export interface FollowUpRow {
  text?: string;
  ownerId?: number | null;
  ownerName?: string;
  dueDate?: Dayjs | null;
}

/**
 * 决议事项 (MTG-10): what, by whom (one real person), by when, delivering what. The server refuses
 * vague owners such as "相关部门负责"; its message lands under the field it names.
 */
export function ResolutionFields({ agenda, isMobile }: { agenda: readonly TAgendaItem[]; isMobile: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const pick = (field: string) => ({ required: true, message: t('common.requiredSelect', { field }) });
  return (
    <>
      <Alert type="info" showIcon title={t('meetings.resolutions.hint')} style={{ marginBottom: 12 }} />
      <Form.List name="resolutions">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.map((field, index) => {
              const row = form.getFieldValue(['resolutions', field.name]) as ResolutionRow | undefined;
              return (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={`${index + 1}.`}
                  extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />}
                  data-testid="resolution-row"
                >
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'content']} label={t('meetings.resolutions.content')} rules={[required(t('meetings.resolutions.content'))]}>
                        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('meetings.resolutions.contentPlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'deliverable']} label={t('meetings.resolutions.deliverable')} rules={[required(t('meetings.resolutions.deliverable'))]}>
                        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('meetings.resolutions.deliverablePlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={8}>
                      <Form.Item name={[field.name, 'ownerId']} label={t('meetings.resolutions.owner')} rules={[pick(t('meetings.resolutions.owner'))]}>
                        <PersonSelect style={{ width: '100%' }} initialLabel={row?.ownerName} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={8}>
                      <Form.Item name={[field.name, 'dueDate']} label={t('meetings.resolutions.dueDate')} rules={[pick(t('meetings.resolutions.dueDate'))]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'agendaItemId']} label={t('meetings.resolutions.agendaItem')}>
                        <Select
                          allowClear
                          placeholder={t('meetings.resolutions.agendaItemNone')}
                          options={agenda.map((a) => ({ value: a.id, label: `${a.position}. ${a.title}` }))}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: isMobile ? 'stretch' : 'flex-start' }}>
              {t('meetings.resolutions.add')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </>
  );
}

/** 待跟进事项: follow-ups that are not resolutions (no task), e.g. 下周五召开项目进度会. */
export function FollowUpFields({ isMobile }: { isMobile: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="followUps">
      {(fields, { add, remove }) => (
        <Flex vertical gap={isMobile ? 8 : 0}>
          {fields.map((field, index) => {
            const row = form.getFieldValue(['followUps', field.name]) as FollowUpRow | undefined;
            return (
              <Row key={field.key} gutter={8} align="top">
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('meetings.minutes.followUpText') }) }]}
                  >
                    <Input maxLength={500} placeholder={`${index + 1}. ${t('meetings.minutes.followUpText')}`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[field.name, 'ownerId']}>
                    <PersonSelect style={{ width: '100%' }} placeholder={t('meetings.minutes.followUpOwner')} initialLabel={row?.ownerName} />
                  </Form.Item>
                </Col>
                <Col xs={10} md={5}>
                  <Form.Item name={[field.name, 'dueDate']}>
                    <DatePicker style={{ width: '100%' }} placeholder={t('meetings.minutes.followUpDue')} />
                  </Form.Item>
                </Col>
                <Col xs={2} md={2}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            );
          })}
          <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: isMobile ? 'stretch' : 'flex-start' }}>
            {t('meetings.minutes.followUpAdd')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
