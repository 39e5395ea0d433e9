import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROOM_EQUIPMENT, type TRoom, type TRoomInput } from '@opsdesk/contract';
import { useRooms, useSaveRoom } from '../../api/meetings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';

const isKnown = (e: string): e is (typeof ROOM_EQUIPMENT)[number] => (ROOM_EQUIPMENT as readonly string[]).includes(e);

/** A room's equipment: the known kinds in the reader's language, anything else as written. */
export function EquipmentTags({ equipment }: { equipment: readonly string[] }) {
  const { t } = useTranslation();
  if (equipment.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap>
      {equipment.map((e) => (
        <Tag key={e} style={{ marginInlineEnd: 0 }}>
          {isKnown(e) ? t(`meetings.equipment.${e}`) : e}
        </Tag>
      ))}
    </Space>
  );
}

type Target = { mode: 'create' } | { mode: 'edit'; room: TRoom };
const FIELDS = ['name', 'capacity', 'equipment', 'location', 'active'] as const;

function RoomFormModal({ target, onClose }: { target: Target; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<TRoomInput>();
  const save = useSaveRoom();
  const editing = target.mode === 'edit' ? target.room : null;

  const submit = async (values: TRoomInput) => {
    try {
      await save.mutateAsync({ id: editing?.id, body: { ...values, location: values.location || null } });
      void message.success(t('meetings.rooms.saved'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err, FIELDS)) notifyError(err);
    }
  };

  return (
    <Modal
      open
      title={editing ? t('meetings.rooms.editTitle') : t('meetings.rooms.createTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<TRoomInput>
        form={form}
        layout="vertical"
        initialValues={editing ?? { capacity: 10, equipment: [], active: true }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="name" label={t('meetings.rooms.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('meetings.rooms.name') }) }]}>
          <Input maxLength={64} placeholder={t('meetings.rooms.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="capacity" label={t('meetings.rooms.capacity')} rules={[{ required: true, message: t('common.required', { field: t('meetings.rooms.capacity') }) }]}>
          <InputNumber min={1} max={1000} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="equipment" label={t('meetings.rooms.equipment')}>
          <Select
            mode="tags"
            placeholder={t('meetings.rooms.equipmentPlaceholder')}
            options={ROOM_EQUIPMENT.map((e) => ({ value: e, label: t(`meetings.equipment.${e}`) }))}
          />
        </Form.Item>
        <Form.Item name="location" label={t('meetings.rooms.location')}>
          <Input maxLength={120} placeholder={t('meetings.rooms.locationPlaceholder')} />
        </Form.Item>
        <Form.Item name="active" label={t('meetings.rooms.active')} valuePropName="checked">
          <Switch checkedChildren={t('meetings.rooms.activeOn')} unCheckedChildren={t('meetings.rooms.activeOff')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 会议室管理 (行政部): name, capacity, equipment, location; a room is taken out of use, not deleted. */
export function RoomAdmin({ isMobile }: { isMobile: boolean }) {
  const { t } = useTranslation();
  const { data, error, refetch, isFetching } = useRooms();
  const [target, setTarget] = useState<Target | null>(null);
  const dash = t('common.empty');
  const status = (r: TRoom) => (r.active ? <Tag color="green">{t('meetings.rooms.activeOn')}</Tag> : <Tag>{t('meetings.rooms.activeOff')}</Tag>);
  const columns: TableColumnsType<TRoom> = [
    { key: 'name', title: t('meetings.rooms.name'), render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
    { key: 'capacity', title: t('meetings.rooms.capacity'), width: 100, render: (_, r) => t('meetings.rooms.seats', { count: r.capacity }) },
    { key: 'equipment', title: t('meetings.rooms.equipment'), render: (_, r) => <EquipmentTags equipment={r.equipment} /> },
    { key: 'location', title: t('meetings.rooms.location'), render: (_, r) => r.location ?? dash },
    { key: 'active', title: t('meetings.rooms.active'), width: 90, render: (_, r) => status(r) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', room: r })}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Alert type="info" showIcon title={t('meetings.rooms.adminHint')} style={{ flex: 1, minWidth: 240 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
          {t('meetings.rooms.create')}
        </Button>
      </Flex>
      {error ? <LoadError error={error} onRetry={refetch} /> : null}
      {isMobile ? (
        <Flex vertical gap={8}>
          {(data?.items ?? []).map((r) => (
            <Card key={r.id} size="small" title={r.name} extra={status(r)} onClick={() => setTarget({ mode: 'edit', room: r })}>
              <div>{[t('meetings.rooms.seats', { count: r.capacity }), r.location].filter(Boolean).join(' · ')}</div>
              <EquipmentTags equipment={r.equipment} />
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<TRoom> rowKey="id" columns={columns} dataSource={data?.items} loading={isFetching} pagination={false} scroll={{ x: 'max-content' }} />
      )}
      {target ? <RoomFormModal target={target} onClose={() => setTarget(null)} /> : null}
    </Space>
  );
}
