import type { ReactNode } from 'react';
import { Card, Col, Flex, Row, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { TBackupPage } from '@opsdesk/contract';
import { formatBytes } from '@opsdesk/contract';
import { formatExact } from '../../../lib/time.ts';
import { describeCron } from './cron.ts';

dayjs.extend(relativeTime);

const GREEN = '#52c41a';
const RED = '#ff4d4f';
const GREY = '#bfbfbf';

function Tile({ icon, color, label, title, children, testId }: { icon: ReactNode; color: string; label: string; title: ReactNode; children?: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%', borderInlineStart: `4px solid ${color}` }} data-testid={testId}>
      <Flex gap={12} align="flex-start">
        <span style={{ fontSize: 28, color, lineHeight: 1 }}>{icon}</span>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{label}</Typography.Text>
          <div style={{ fontSize: 18, fontWeight: 600 }}>{title}</div>
          {children}
        </div>
      </Flex>
    </Card>
  );
}

/** DOC-7 at a glance: is there a good backup, was restoring it proven, and when is the next one. */
export function BackupGlance({ data }: { data: TBackupPage }) {
  const { t } = useTranslation();
  const last = data.lastSucceeded;
  const check = last?.restoreCheck ?? null;
  const cron = describeCron(data.schedule.cron);
  const when = !cron
    ? data.schedule.cron
    : cron.every === 'day'
      ? t('backup.cronDaily', { time: cron.time })
      : cron.every === 'week'
        ? t('backup.cronWeekly', { weekday: t('backup.weekdayNames').split(',')[cron.weekday] ?? '', time: cron.time })
        : t('backup.cronMonthly', { day: cron.day, time: cron.time });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Tile
          testId="backup-last"
          icon={last ? <CheckCircleFilled /> : <CloseCircleFilled />}
          color={last ? GREEN : RED}
          label={t('backup.lastSucceeded')}
          title={last ? dayjs(last.finishedAt).fromNow() : t('backup.none')}
        >
          <Typography.Text type="secondary">
            {last
              ? t('backup.lastDetail', { time: formatExact(last.finishedAt), size: formatBytes(last.sizeBytes), kind: t(`backup.kind.${last.kind}`) })
              : t('backup.noneHint')}
          </Typography.Text>
        </Tile>
      </Col>
      <Col xs={24} md={8}>
        <Tile
          testId="backup-check"
          icon={check === 'passed' ? <CheckCircleFilled /> : check === 'failed' ? <CloseCircleFilled /> : <MinusCircleFilled />}
          color={check === 'passed' ? GREEN : check === 'failed' ? RED : GREY}
          label={t('backup.restoreCheck')}
          title={check ? t(`backup.check.${check}`) : t('backup.checkNone')}
        >
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 3, tooltip: last?.restoreCheckMessage }}>
            {check === 'failed' ? t('backup.checkFailedHint', { message: last?.restoreCheckMessage ?? '' }) : (last?.restoreCheckMessage ?? t('backup.checkExplain'))}
          </Typography.Paragraph>
        </Tile>
      </Col>
      <Col xs={24} md={8}>
        <Tile testId="backup-schedule" icon={<ClockCircleOutlined />} color="#1677ff" label={t('backup.schedule')} title={when}>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('backup.scheduleDetail', { zone: data.schedule.timeZone, keep: data.schedule.keep, cron: data.schedule.cron })}
          </Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: data.schedule.dir }} style={{ wordBreak: 'break-all' }}>
            {t('backup.dir', { dir: data.schedule.dir })}
          </Typography.Text>
        </Tile>
      </Col>
    </Row>
  );
}
