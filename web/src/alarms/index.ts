/** The alarms panel page. */
export { AlarmsPage } from './alarms-page.tsx';
