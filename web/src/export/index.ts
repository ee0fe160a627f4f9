/** The export module of the web app: the export panel (recordings page) and the verification page. */
export { ExportPanel, type ExportPanelProps, type ExportPrefill } from './export-panel.tsx';
export { VerifyPage } from './verify-page.tsx';
