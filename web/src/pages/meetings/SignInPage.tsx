import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TSignInResult } from '@opsdesk/contract';
import { useMeeting, useSignIn } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useErrorText } from '../../lib/useErrorText.ts';
import { Brand } from '../../shell/Brand.tsx';
import { placeText } from './meetingText.ts';
import { inCompany, timeRange } from './when.ts';
import './meetings.css';

/**
 * Where the room's QR code leads (MTG-7): a logged-in participant confirms with one tap. The token
 * in the link is only good for a minute, so the code must be scanned in the room.
 */
export default function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('meetings.signIn.pageTitle'));
  const errorText = useErrorText();
  const me = useMe();
  const id = Number(useParams().id);
  const token = useSearchParams()[0].get('token') ?? '';
  const meeting = useMeeting(id);
  const signIn = useSignIn(id);
  const [result, setResult] = useState<TSignInResult | null>(null);
  const m = meeting.data;
  const mine = m?.participants.find((p) => p.person.id === me.id);
  const signedAt = result?.signedInAt ?? mine?.signedInAt ?? null;

  let body;
  if (meeting.error) body = <LoadError error={meeting.error} onRetry={() => meeting.refetch()} />;
  else if (!m) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (signedAt) {
    const late = (result?.attendance ?? mine?.attendance) === 'late';
    body = (
      <Result
        icon={<CheckCircleFilled style={{ color: late ? '#faad14' : '#52c41a' }} />}
        title={result ? t('meetings.signIn.done') : t('meetings.signIn.already')}
        subTitle={`${t('meetings.signIn.at', { time: inCompany(signedAt).format('HH:mm') })} · ${late ? t('meetings.signIn.late') : t('meetings.signIn.onTime')}`}
        extra={<Link to={`/meetings/${id}`}>{t('meetings.signIn.openMeeting')}</Link>}
        data-testid="sign-in-done"
      />
    );
  } else if (!token) {
    body = <Result status="warning" title={t('meetings.signIn.failed')} subTitle={t('meetings.signIn.noToken')} />;
  } else {
    body = (
      <Flex vertical gap={16} align="stretch">
        {signIn.error ? <Typography.Text type="danger">{errorText(signIn.error)}</Typography.Text> : null}
        <Button
          type="primary"
          size="large"
          block
          className="od-signin-button"
          loading={signIn.isPending}
          onClick={() => void signIn.mutateAsync({ token }).then(setResult, () => undefined)}
        >
          {t('meetings.signIn.confirm')}
        </Button>
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          {t('meetings.signIn.hint')}
        </Typography.Text>
      </Flex>
    );
  }

  return (
    <div className="od-signin-screen">
      <Brand />
      <Card className="od-signin-card">
        {m ? (
          <div style={{ marginBottom: 20 }}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {m.topic}
            </Typography.Title>
            <div>{timeRange(m.startsAt, m.endsAt)}</div>
            {placeText(m) ? <Typography.Text type="secondary">{placeText(m)}</Typography.Text> : null}
          </div>
        ) : null}
        {body}
      </Card>
    </div>
  );
}
