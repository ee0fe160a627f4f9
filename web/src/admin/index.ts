/**
 * Public entry of the administration section (`#/admin/<tab>`): the page and its tab rules, and
 * what the audit page (a layer above) shares with it: the agency and camera calls, the agency
 * type and the table styles.
 */
import './admin.css';

export { AdminPage, visibleTabs } from './admin-page.tsx';
export { adminApi } from './admin-api.ts';
export type { Agency } from './admin-types.ts';
