import type { Messages } from './zh-CN.ts';

/** Backups page (en-US). */
const backup: Messages['backup'] = {
  title: 'Backups',
  subtitle: 'Each backup holds the database and every attachment, and is restored to a scratch database to prove it works.',
  now: 'Back up now',
  running: 'Backing up…',
  runningHint: 'Backing up and checking the restore. This takes seconds to minutes; the system stays usable meanwhile.',
  doneOk: 'Backup finished; restore check passed',
  doneCheckFailed: 'The backup finished, but its restore check failed. See the history below and contact support.',
  doneFailed: 'Backup failed: {{message}}',
  failedTitle: 'The backup did not finish',
  latestFailed: 'The latest backup ({{time}}) failed',
  lastSucceeded: 'Last successful backup',
  none: 'No successful backup yet',
  noneHint: 'Click “Back up now” for the first one.',
  lastDetail: '{{time}} · {{size}} · {{kind}}',
  restoreCheck: 'Restore check',
  check: { passed: 'Passed', failed: 'Failed' },
  checkNone: 'None yet',
  checkExplain: 'After each backup the system restores it to a scratch database and compares the rows of every table.',
  checkFailedHint: 'This backup could not be restored, so it cannot be relied on. Reason: {{message}}',
  schedule: 'Automatic backup',
  cronDaily: 'Every day at {{time}}',
  cronWeekly: 'Every {{weekday}} at {{time}}',
  weekdayNames: 'Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday',
  cronMonthly: 'Day {{day}} of every month at {{time}}',
  scheduleDetail: 'Time zone {{zone}}, the latest {{keep}} are kept (schedule: {{cron}})',
  dir: 'Stored in: {{dir}}',
  history: 'History',
  empty: 'No backups yet',
  pruned: 'Removed by retention on {{time}}',
  kind: { scheduled: 'Scheduled', manual: 'Manual' },
  status: { succeeded: 'Succeeded', failed: 'Failed' },
  col: { time: 'Started', kind: 'Kind', size: 'Size', status: 'Status', check: 'Restore check', notes: 'Notes' },
};

export default backup;
