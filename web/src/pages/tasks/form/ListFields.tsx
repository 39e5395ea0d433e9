import { Button, Checkbox, Col, DatePicker, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { PersonSelect } from '../../../components/PersonSelect.tsx';
import { DATE_FORMAT } from '../../../lib/time.ts';

interface KnownPersonProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  names: ReadonlyMap<number, string>;
  placeholder: string;
}

/** A person picker that can name the person already chosen (loaded with the task) before any search. */
export function KnownPersonSelect({ id, value, onChange, names, placeholder }: KnownPersonProps) {
  return <PersonSelect id={id} value={value} onChange={onChange} placeholder={placeholder} initialLabel={value ? (names.get(value) ?? null) : null} />;
}

/** TSK-2 协作者分工: each collaborator with their share of the work. */
export function CollaboratorsField({ names }: { names: ReadonlyMap<number, string> }) {
  const { t } = useTranslation();
  return (
    <Form.List name="collaborators">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top" data-testid="collaborator-row">
              <Col xs={24} sm={9}>
                <Form.Item
                  name={[field.name, 'personId']}
                  rules={[{ required: true, message: t('common.requiredSelect', { field: t('tasks.form.collaborator') }) }]}
                >
                  <KnownPersonSelect names={names} placeholder={t('tasks.form.collaborator')} />
                </Form.Item>
              </Col>
              <Col xs={20} sm={13}>
                <Form.Item
                  name={[field.name, 'share']}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tasks.form.share') }) }, { max: 200 }]}
                >
                  <Input placeholder={t('tasks.form.sharePlaceholder')} maxLength={200} aria-label={t('tasks.form.share')} />
                </Form.Item>
              </Col>
              <Col xs={4} sm={2}>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ personId: null, share: '' })} block style={{ marginBottom: 16 }}>
            {t('tasks.form.addCollaborator')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** TSK-1 milestones: name + date + done. */
export function MilestonesField() {
  const { t } = useTranslation();
  return (
    <Form.List name="milestones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top" data-testid="milestone-row">
              <Form.Item name={[field.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Col xs={24} sm={11}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tasks.form.milestoneName') }) }, { max: 100 }]}
                >
                  <Input placeholder={t('tasks.form.milestonePlaceholder')} maxLength={100} aria-label={t('tasks.form.milestoneName')} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={7}>
                <Form.Item
                  name={[field.name, 'date']}
                  dependencies={['startDate', 'dueDate']}
                  rules={[
                    { required: true, message: t('common.requiredSelect', { field: t('tasks.form.milestoneDate') }) },
                    ({ getFieldValue }) => ({
                      // TSK-1: a milestone falls within the task's own dates (the server checks the same).
                      validator: (_r, value: Dayjs | null) => {
                        const start = getFieldValue('startDate') as Dayjs | null;
                        const due = getFieldValue('dueDate') as Dayjs | null;
                        const outside = value && ((start && value.isBefore(start, 'day')) || (due && value.isAfter(due, 'day')));
                        return outside ? Promise.reject(new Error(t('tasks.form.milestoneOutside'))) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <DatePicker format={DATE_FORMAT} placeholder={t('tasks.form.milestoneDate')} style={{ width: '100%' }} aria-label={t('tasks.form.milestoneDate')} />
                </Form.Item>
              </Col>
              <Col xs={8} sm={4}>
                <Form.Item name={[field.name, 'done']} valuePropName="checked">
                  <Checkbox>{t('tasks.milestones.done')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={4} sm={2}>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', date: null, done: false })} block style={{ marginBottom: 16 }}>
            {t('tasks.form.addMilestone')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
