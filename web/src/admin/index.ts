/** The administration page (`#/admin/<tab>`). */
export { AdminPage, visibleTabs } from './admin-page.tsx';
