import { useState, type ReactNode } from 'react';
import { Badge, Button, Flex } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Always visible (usually the keyword search). */
  primary?: ReactNode;
  /** The pickers; at phone width they fold away behind one button. */
  children: ReactNode;
  /** How many pickers are set: shown on the button, and keeps them open on arrival. */
  activeCount: number;
  isMobile: boolean;
}

export function FilterBar({ primary, children, activeCount, isMobile }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(activeCount > 0);
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search">
      {primary ? <div style={{ flex: isMobile ? 1 : undefined, minWidth: 0 }}>{primary}</div> : null}
      {isMobile ? (
        <Badge count={activeCount} size="small">
          <Button
            icon={<FilterOutlined />}
            aria-label={t('common.filters')}
            aria-expanded={open}
            type={open ? 'primary' : 'default'}
            ghost={open}
            onClick={() => setOpen(!open)}
          >
            {primary ? null : t('common.filters')}
          </Button>
        </Badge>
      ) : null}
      {!isMobile || open ? children : null}
    </Flex>
  );
}
