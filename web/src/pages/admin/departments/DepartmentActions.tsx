import { Button, Dropdown, Space } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TDepartment } from '@opsdesk/contract';

interface Props {
  dept: TDepartment;
  /** Phone width: one ⋮ button instead of three links. */
  compact: boolean;
  onEdit: () => void;
  onCreateChild: () => void;
  onDelete: () => void;
}

export function DepartmentActions({ dept, compact, onEdit, onCreateChild, onDelete }: Props) {
  const { t } = useTranslation();
  if (compact) {
    return (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'edit', label: t('common.edit'), onClick: onEdit },
            { key: 'child', label: t('dept.createChild'), onClick: onCreateChild },
            { key: 'delete', label: t('common.delete'), danger: true, onClick: onDelete },
          ],
        }}
      >
        <Button type="text" size="small" icon={<MoreOutlined />} aria-label={`${t('common.actions')}: ${dept.name}`} />
      </Dropdown>
    );
  }
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={onCreateChild}>
        {t('dept.createChild')}
      </Button>
      <Button type="link" size="small" danger onClick={onDelete}>
        {t('common.delete')}
      </Button>
    </Space>
  );
}
