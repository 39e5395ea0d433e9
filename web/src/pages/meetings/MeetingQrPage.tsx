import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Button, Progress, QRCode, Skeleton, Typography } from 'antd';
import { CompressOutlined, ExpandOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMeeting, useSignInCode } from '../../api/meetings.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useErrorText } from '../../lib/useErrorText.ts';
import { Brand } from '../../shell/Brand.tsx';
import { placeText } from './meetingText.ts';
import { inCompany, timeRange } from './when.ts';
import './meetings.css';

function useSecondsLeft(until: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return until ? Math.max(0, Math.ceil((new Date(until).getTime() - now) / 1000)) : 0;
}

function useFullscreen(): [boolean, () => void] {
  const [on, setOn] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const sync = () => setOn(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  const toggle = () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined);
  return [on, toggle];
}

/**
 * The room screen's sign-in page (MTG-7): full screen, outside the app frame. The QR carries a
 * token that the server rotates every 30 s, and the page it opens needs a logged-in participant,
 * so a photo of the code is useless a minute later.
 */
export default function MeetingQrPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = Number(useParams().id);
  const meeting = useMeeting(id);
  const code = useSignInCode(id);
  const secondsLeft = useSecondsLeft(code.data?.expiresAt);
  const [fullscreen, toggleFullscreen] = useFullscreen();
  const m = meeting.data;
  const c = code.data;
  useDocumentTitle(m ? `${t('meetings.qr.title')} · ${m.topic}` : t('meetings.qr.title'));

  const url = c ? new URL(c.path, window.location.origin).toString() : '';
  const percent = c && c.expected > 0 ? Math.round((c.signedIn / c.expected) * 100) : 0;

  return (
    <div className="od-qr-screen" data-testid="qr-screen">
      <header className="od-qr-top">
        <Brand />
        <Button type="text" className="od-qr-fs" icon={fullscreen ? <CompressOutlined /> : <ExpandOutlined />} onClick={toggleFullscreen}>
          {fullscreen ? t('meetings.qr.exitFullscreen') : t('meetings.qr.fullscreen')}
        </Button>
      </header>
      <main className="od-qr-main">
        <section className="od-qr-info">
          {m ? (
            <>
              <div className="od-qr-label">{t('meetings.qr.title')}</div>
              <h1 className="od-qr-topic">{m.topic}</h1>
              <div className="od-qr-line">{timeRange(m.startsAt, m.endsAt)}</div>
              {placeText(m) ? <div className="od-qr-line">{placeText(m)}</div> : null}
              <div className="od-qr-line">
                {t('meetings.detail.host')}：{m.host.name}
              </div>
              {c ? (
                <div className="od-qr-count">
                  <div className="od-qr-count-num" data-testid="qr-count">
                    {t('meetings.qr.count', { signedIn: c.signedIn, expected: c.expected })}
                  </div>
                  <Progress percent={percent} showInfo={false} strokeColor="#52c41a" railColor="rgba(255,255,255,0.2)" />
                  <div className="od-qr-window">
                    {t('meetings.qr.window', { opens: inCompany(c.opensAt).format('HH:mm'), closes: inCompany(c.closesAt).format('HH:mm') })}
                  </div>
                </div>
              ) : null}
            </>
          ) : meeting.error ? (
            <Typography.Text className="od-qr-error">{errorText(meeting.error)}</Typography.Text>
          ) : (
            <Skeleton active paragraph={{ rows: 4 }} />
          )}
        </section>
        <section className="od-qr-card" data-testid="qr-card" data-path={c?.path}>
          {c ? (
            <>
              <QRCode value={url} size={300} bordered={false} errorLevel="M" />
              <div className="od-qr-scan">{t('meetings.qr.scan')}</div>
              <Progress
                percent={Math.round((secondsLeft / c.rotateSeconds) * 100)}
                showInfo={false}
                size="small"
                strokeColor="#1677ff"
                style={{ width: 280 }}
              />
              <div className="od-qr-hint">
                {t('meetings.qr.nextIn', { seconds: secondsLeft })} · {t('meetings.qr.refresh', { seconds: c.rotateSeconds })}
              </div>
            </>
          ) : code.error ? (
            <div className="od-qr-closed">
              <QRCode value="-" size={300} bordered={false} status="expired" onRefresh={() => void code.refetch()} />
              <div className="od-qr-scan">{errorText(code.error)}</div>
              <div className="od-qr-hint">{t('meetings.qr.retrying')}</div>
            </div>
          ) : (
            <QRCode value="-" size={300} bordered={false} status="loading" />
          )}
        </section>
      </main>
    </div>
  );
}
