/**
 * The alarms area: the alarm console page, and for other pages (the recordings page's events
 * strip) the listing call and an alarm's title in the user's language.
 */
export { AlarmsPage } from './alarms-page.tsx';
export { listAlarms, type Alarm, type AlarmQuery } from './alarms-api.ts';
export { alarmTitle } from './alarm-text.ts';
export { useAlarmChanges } from './use-alarm-changes.ts';
