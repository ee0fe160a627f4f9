/**
 * The operations room's wall displays: the display account's full-screen page (`DisplayPage`)
 * and the operators' page that pushes to displays and takes back (`DisplaysPage`).
 */
export { DisplayPage, type DisplayPageProps } from './display-page.tsx';
export { DisplaysPage } from './displays-page.tsx';
