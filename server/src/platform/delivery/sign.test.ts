import { describe, expect, it } from 'vitest';
import { type MessageInput, WECOM_MARKDOWN_MAX_BYTES, botPayload, emailPayload } from './payloads.ts';
import { botRequest, dingtalkSign, feishuSign } from './sign.ts';

// Vectors computed independently with openssl, not with this code:
//   printf '%s\n%s' "$TS" "$SECRET" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64          (DingTalk)
//   printf '' | openssl dgst -sha256 -hmac "$(printf '%s\n%s' "$TS" "$SECRET")" -binary | base64      (Feishu)
const DINGTALK = { ts: 1795658400000, secret: 'SEC0123456789abcdefDEMOsecret', sign: 'EX2YpQ8M0g4v2tyb1X7MLOxx6/f8CNIetaeejCxUGOo=' };
const DINGTALK_2 = { ts: 1700000000123, secret: 'SECabc+/=', sign: 'Be0exWsD4TmHKJeMvB28fM7MkH/QWEYVlYHa04Vxo/g=' };
const FEISHU = { ts: 1795658400, secret: 'feishu-demo-secret-6Yq9', sign: 'ZUwG20Cl+YjBtSRay33cm5X4cEbRlqOy4p6q5oLQ5cw=' };
const FEISHU_2025 = { ts: 1764122400, secret: 'feishu-demo-secret-6Yq9', sign: 'DXS0U0hpkJB+V2NOh37+ldwwLsoG+Se7zccxP9chPKQ=' };

describe('ALL-2 bot signatures against fixed openssl vectors', () => {
  it('DingTalk: HMAC-SHA256(key = secret, message = timestamp + "\\n" + secret)', () => {
    expect(dingtalkSign(DINGTALK.secret, DINGTALK.ts)).toBe(DINGTALK.sign);
    expect(dingtalkSign(DINGTALK_2.secret, DINGTALK_2.ts)).toBe(DINGTALK_2.sign);
  });
  it('Feishu: HMAC-SHA256(key = timestamp + "\\n" + secret, message = empty)', () => {
    expect(feishuSign(FEISHU.secret, FEISHU.ts)).toBe(FEISHU.sign);
    expect(feishuSign(FEISHU_2025.secret, FEISHU_2025.ts)).toBe(FEISHU_2025.sign);
  });

  it('DingTalk signs in the query string: timestamp in ms and the URL-encoded sign', () => {
    const req = botRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=tok', DINGTALK_2.secret, { msgtype: 'text' }, new Date(DINGTALK_2.ts));
    expect(req.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=tok&timestamp=1700000000123&sign=Be0exWsD4TmHKJeMvB28fM7MkH%2FQWEYVlYHa04Vxo%2Fg%3D');
    expect(req.body).toEqual({ msgtype: 'text' });
  });
  it('Feishu signs in the body: timestamp in seconds (a string) and sign', () => {
    const req = botRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/x', FEISHU.secret, { msg_type: 'text' }, new Date(FEISHU.ts * 1000 + 999));
    expect(req).toEqual({ url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', body: { timestamp: '1795658400', sign: FEISHU.sign, msg_type: 'text' } });
  });
  it('WeCom is not signed (the key is the URL); a bot without a secret neither', () => {
    const wecom = botRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'ignored', { msgtype: 'markdown' }, new Date(0));
    expect(wecom).toEqual({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', body: { msgtype: 'markdown' } });
    expect(botRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', null, {}, new Date(0)).url).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
  });
});

const message: MessageInput = {
  title: '任务即将到期：客户数据整理',
  body: '请于 2026-11-27 前完成。',
  url: 'https://ops.example.com/tasks/1',
  recipientName: '小王',
  locale: 'zh-CN',
  mobile: '13800138000',
  wecomUserId: 'wangxiao',
  feishuOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706',
};

describe('ALL-2 bot messages with @mentions', () => {
  it('DingTalk markdown names the phone in atMobiles and in the text', () => {
    const p = botPayload('dingtalk', message);
    expect(p.message).toEqual({
      msgtype: 'markdown',
      markdown: { title: message.title, text: '#### 任务即将到期：客户数据整理\n\n请于 2026-11-27 前完成。\n\n[查看详情](https://ops.example.com/tasks/1)\n\n@13800138000' },
      at: { atMobiles: ['13800138000'], isAtAll: false },
    });
  });
  it('WeCom markdown mentions <@userid>; a long body is cut to 4096 bytes keeping the mention and the link', () => {
    const long = botPayload('wecom', { ...message, body: '很长的说明'.repeat(1000) });
    const content = (long.message.markdown as { content: string }).content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(content.startsWith('<@wangxiao> **任务即将到期：客户数据整理**\n')).toBe(true);
    expect(content.endsWith('…\n[查看详情](https://ops.example.com/tasks/1)')).toBe(true);
  });
  it('Feishu post @mentions by open id; without one it names the person', () => {
    const p = botPayload('feishu', message);
    expect(p.message).toMatchObject({ msg_type: 'post', content: { post: { zh_cn: { title: message.title } } } });
    const rows = (p.message as { content: { post: { zh_cn: { content: unknown[][] } } } }).content.post.zh_cn.content;
    expect(rows[0]![0]).toEqual({ tag: 'at', user_id: 'ou_7d8a6e6df7621556ce0d21922b676706' });
    const plain = botPayload('feishu', { ...message, feishuOpenId: null, locale: 'en-US' }).message as { content: { post: Record<string, { content: unknown[][] }> } };
    expect(plain.content.post.en_us!.content[0]![0]).toEqual({ tag: 'text', text: '小王：' });
  });
  it('e-mail has the title as subject, text and escaped HTML, and its attachments', () => {
    const p = emailPayload({ ...message, title: '审批 <急>' }, 'wang@example.com', [{ filename: 'a.ics', content: 'BEGIN:VCALENDAR', contentType: 'text/calendar' }]);
    expect(p).toMatchObject({ kind: 'email', to: 'wang@example.com', subject: '审批 <急>', text: '请于 2026-11-27 前完成。\n\n查看详情: https://ops.example.com/tasks/1' });
    expect(p.html).toContain('审批 &#60;急&#62;');
    expect(p.attachments).toHaveLength(1);
  });
});
