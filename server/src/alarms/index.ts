/** The alarm console's public entry (see README.md). */
export {
  createAlarms,
  type AlarmChange,
  type AlarmService,
  type AlarmServiceDeps,
} from './create.ts';
export { alarmRoutes } from './routes.ts';
export { alarmStreamRoutes } from './stream-routes.ts';
export type { SystemAlarm, SystemAlarmSink } from './system-alarms.ts';
export type { AlarmKind, AlarmView } from './api-shapes.ts';
export type { AlarmPriority, AlarmsDb, AlarmTables } from './tables.ts';
