/**
 * Row types of the alarm tables, as the typed query layer sees them. The migration `0013-alarms`
 * creates them and comments every column.
 */
import type { Db } from '../db/index.ts';

/** How urgent an alarm is. */
export type AlarmPriority = 'high' | 'medium' | 'low';
/** Who raised an alarm. */
export type AlarmSource = 'system' | 'operator' | 'camera';
/** Where an alarm stands: new → acknowledged → closed. */
export type AlarmState = 'new' | 'acknowledged' | 'closed';

/** `alarms`: one alarm, from its raising to its closing. */
export interface AlarmRow {
  id: string;
  kind: string;
  priority: AlarmPriority;
  source: AlarmSource;
  alarm_key: string | null;
  state: AlarmState;
  message: string;
  params_json: string;
  event_ms: number;
  raised_ms: number;
  raised_by_id: string | null;
  raised_by_name: string | null;
  occurrences: number;
  cleared_ms: number | null;
  acknowledged_ms: number | null;
  acknowledged_by_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  closed_ms: number | null;
  closed_by_name: string | null;
  updated_ms: number;
}

/** `alarm_cameras`: the cameras an alarm concerns. */
export interface AlarmCameraRow {
  alarm_id: string;
  camera_id: string;
}

/** `alarm_comments`: what operators wrote on an alarm. */
export interface AlarmCommentRow {
  id: string;
  alarm_id: string;
  author_id: string;
  author_name: string;
  at_ms: number;
  text: string;
}

/** The alarm tables, composed into the database `Schema`. */
export interface AlarmTables {
  alarms: AlarmRow;
  alarm_cameras: AlarmCameraRow;
  alarm_comments: AlarmCommentRow;
}

/** The database as the alarms module may use it: its own tables only. */
export type AlarmsDb = Db<AlarmTables>;
