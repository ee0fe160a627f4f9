/**
 * Helpers for the alarm console's tests: a live alarm feed over camera states the test sets,
 * connected to the console as the composition connects the real one, and small HTTP helpers.
 */
import { expect } from 'vitest';
import { AlarmFeed } from '../../src/live/alarm-feed.ts';
import { feedIntoAlarms } from '../../src/compose/alarm-sources.ts';
import type { TestApp } from '../support/test-app.ts';

/** An alarm as the API returns it (the fields the tests read). */
export interface AlarmJson {
  id: string;
  kind: string;
  priority: string;
  source: string;
  state: string;
  cameraIds: string[];
  message: string;
  params: Record<string, string | number>;
  eventMs: number;
  raisedBy: string | null;
  occurrences: number;
  clearedMs: number | null;
  acknowledgedBy: string | null;
  assignee: { id: string; name: string } | null;
  closedBy: string | null;
  commentCount: number;
  handleable: boolean;
  comments?: { authorName: string; text: string }[];
}

/** Cameras whose main stream the test says is offline, fed to the console like ingest's. */
export interface CameraStates {
  offline: Set<string>;
  /** Reads the states now (as the feed's poll would) and waits for the console to store it. */
  poll(): Promise<void>;
  stop(): void;
}

/** Connects a live alarm feed over `offline` to the test app's console. */
export function cameraStates(t: TestApp, cameraIds: string[]): CameraStates {
  const offline = new Set<string>();
  const feed = new AlarmFeed(
    {
      streamStates: () =>
        cameraIds.map((cameraId) => ({
          cameraId,
          stream: 'main',
          state: offline.has(cameraId) ? 'offline' : 'online',
          message: 'connect ECONNREFUSED',
        })),
    },
    t.clock,
  );
  const stop = feedIntoAlarms(
    feed,
    t.services.retention.alarms,
    t.services.alarms.system,
    t.services.alarmQueue,
  );
  return {
    offline,
    async poll() {
      feed.refresh();
      await t.services.alarmQueue.idle();
    },
    stop: () => {
      stop();
      feed.close();
    },
  };
}

/** The alarms `cookie` sees with `query`. */
export async function listAlarms(t: TestApp, cookie: string, query = ''): Promise<AlarmJson[]> {
  const res = await t.request('GET', `/api/alarms${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { alarms: AlarmJson[] }).alarms;
}

/** POSTs an action and returns the status and JSON. */
export async function act(
  t: TestApp,
  cookie: string,
  path: string,
  body: unknown = {},
): Promise<{ status: number; json: AlarmJson & { error?: { kind: string; message: string } } }> {
  const res = await t.request('POST', `/api/alarms${path}`, { cookie, body });
  return { status: res.status, json: (await res.json()) as AlarmJson };
}
