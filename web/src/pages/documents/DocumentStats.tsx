import type { ReactNode } from 'react';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { AlertOutlined, AuditOutlined, FileTextOutlined, InboxOutlined, LockOutlined, StarOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TDocumentStats } from '@opsdesk/contract';
import { useIsMobile } from '../../lib/useIsMobile.ts';

interface Tile {
  key: string;
  title: string;
  value: number;
  icon: ReactNode;
  to: string;
  danger?: boolean;
}

/**
 * Counts over what the viewer may see (secret documents they may not know are not counted): each
 * tile opens the matching list. The archivist's tiles are the desk's work: 待归档, 待登记, 逾期.
 */
export function DocumentStats({ stats, archivist }: { stats: TDocumentStats | undefined; archivist: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  if (!stats) return <Skeleton.Button active block style={{ height: 88 }} />;

  const total: Tile = { key: 'total', title: t('documents.list.statTotal'), value: stats.total, icon: <FileTextOutlined />, to: '/documents' };
  const secret: Tile = { key: 'secret', title: t('documents.list.statSecret'), value: stats.secret, icon: <LockOutlined />, to: '/documents?secrecy=secret' };
  const overdue: Tile = {
    key: 'overdue',
    title: t('documents.list.statOverdue'),
    value: stats.overdueLoans,
    icon: <AlertOutlined />,
    to: archivist ? '/documents/loans?tab=overdue' : '/documents/loans?overdue=true',
    danger: stats.overdueLoans > 0,
  };
  const tiles: Tile[] = archivist
    ? [
        total,
        { key: 'pending', title: t('documents.list.statPending'), value: stats.pendingArchive, icon: <InboxOutlined />, to: '/documents?archiveStatus=pending' },
        secret,
        { key: 'toRegister', title: t('documents.list.statToRegister'), value: stats.loansToRegister, icon: <AuditOutlined />, to: '/documents/loans?tab=desk&status=approved' },
        overdue,
      ]
    : [
        total,
        { key: 'important', title: t('documents.list.statImportant'), value: stats.important, icon: <StarOutlined />, to: '/documents?important=true' },
        // A secret document one may not know about is not counted anywhere (DOC-4): no tile at 0.
        ...(stats.secret > 0 ? [secret] : []),
        { key: 'myLoans', title: t('documents.list.statMyLoans'), value: stats.myOpenLoans, icon: <SwapOutlined />, to: '/documents/loans' },
        overdue,
      ];
  if (archivist && stats.voided !== null) {
    tiles.push({ key: 'voided', title: t('documents.list.statVoided'), value: stats.voided, icon: <StopOutlined />, to: '/documents?void=only' });
  }

  return (
    <Row gutter={[12, 12]}>
      {tiles.map((tile) => (
        // Three small tiles a row on a phone; the row's width shared out evenly on a desktop.
        <Col key={tile.key} xs={8} md={{ flex: '1 1 0' }}>
          <Card size="small" hoverable onClick={() => void navigate(tile.to)} data-testid={`doc-stat-${tile.key}`}>
            <Statistic
              title={tile.title}
              value={tile.value}
              prefix={isMobile ? undefined : tile.icon}
              styles={{ content: { ...(tile.danger ? { color: '#cf1322' } : {}), ...(isMobile ? { fontSize: 20 } : {}) } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
