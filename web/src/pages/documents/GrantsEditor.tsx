import { useState, type ReactNode } from 'react';
import { App, Button, Card, Empty, Flex, List, Popconfirm, Segmented, Select, Tag, Typography } from 'antd';
import { ApartmentOutlined, DeleteOutlined, PlusOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GRANT_KINDS, ROLES, type TDocumentDetail, type TDocumentGrant, type TDocumentGrantInput, type TGrantKind, type TRole } from '@opsdesk/contract';
import { useAddGrant, useRemoveGrant } from '../../api/documents.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';

const ICONS: Record<TGrantKind, ReactNode> = { person: <UserOutlined />, role: <TeamOutlined />, department: <ApartmentOutlined /> };

function grantName(g: TDocumentGrant, roleLabel: (r: TRole) => string): string {
  if (g.kind === 'person') return g.person?.name ?? '';
  if (g.kind === 'role') return g.role ? roleLabel(g.role) : '';
  return g.department?.name ?? '';
}

/**
 * DOC-4 知悉范围: who may know that a secret document exists and so apply to borrow it — by
 * person, role or department. Knowing is not reading: the content still needs a loan.
 */
export function GrantsEditor({ doc }: { doc: TDocumentDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const add = useAddGrant(doc.id);
  const remove = useRemoveGrant(doc.id);
  const [kind, setKind] = useState<TGrantKind>('person');
  const [personId, setPersonId] = useState<number | null>(null);
  const [role, setRole] = useState<TRole | null>(null);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const roleLabel = (r: TRole) => t(`roles.${r}`);

  const input: TDocumentGrantInput | null =
    kind === 'person' && personId ? { kind, personId } : kind === 'role' && role ? { kind, role } : kind === 'department' && departmentId ? { kind, departmentId } : null;

  const submit = () => {
    if (!input) return;
    add.mutate(input, {
      onSuccess: () => {
        void message.success(t('documents.detail.grantAdded'));
        setPersonId(null);
        setRole(null);
        setDepartmentId(null);
      },
      onError: notifyError,
    });
  };

  return (
    <Card title={t('documents.detail.grants')} size="small" data-testid="grants-card">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('documents.detail.grantsHint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented<TGrantKind>
          value={kind}
          onChange={setKind}
          options={GRANT_KINDS.map((k) => ({ value: k, label: t(`documents.detail.grantKind.${k}`), icon: ICONS[k] }))}
        />
        <div style={{ flex: 1, minWidth: 160 }}>
          {kind === 'person' ? (
            <PersonSelect value={personId} onChange={setPersonId} style={{ width: '100%' }} />
          ) : kind === 'role' ? (
            <Select<TRole>
              value={role ?? undefined}
              onChange={setRole}
              placeholder={t('documents.detail.grantPick')}
              options={ROLES.filter((r) => r !== 'admin').map((r) => ({ value: r, label: roleLabel(r) }))}
              style={{ width: '100%' }}
              aria-label={t('documents.detail.grantKind.role')}
            />
          ) : (
            <DepartmentSelect value={departmentId} onChange={setDepartmentId} placeholder={t('documents.detail.grantPick')} style={{ width: '100%' }} />
          )}
        </div>
        <Button type="primary" icon={<PlusOutlined />} disabled={!input} loading={add.isPending} onClick={submit}>
          {t('documents.detail.grantAdd')}
        </Button>
      </Flex>
      {(doc.grants ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.detail.grantsEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={doc.grants ?? []}
          renderItem={(g) => {
            const name = grantName(g, roleLabel);
            return (
              <List.Item
                data-testid="grant-item"
                actions={[
                  <Popconfirm
                    key="remove"
                    title={t('documents.detail.grantRemoveConfirm', { name })}
                    onConfirm={() =>
                      remove.mutate(g.id, { onSuccess: () => void message.success(t('documents.detail.grantRemoved')), onError: notifyError })
                    }
                  >
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('documents.detail.grantRemove')}: ${name}`} />
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  avatar={ICONS[g.kind]}
                  title={
                    <span>
                      {name} <Tag>{t(`documents.detail.grantKind.${g.kind}`)}</Tag>
                    </span>
                  }
                  description={t('documents.detail.grantedBy', { name: g.grantedBy.name, time: formatDateTime(g.createdAt) })}
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
