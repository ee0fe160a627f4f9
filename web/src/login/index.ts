/** Public entry of the sign-in page. */
export { LoginPage } from './login-page.tsx';
export type { LoginNotice, LoginPageProps } from './login-page.tsx';
export { loginErrorMessage } from './login-error.ts';
export { SecurityPage } from './security-page.tsx';
export type { SecurityPageProps } from './security-page.tsx';
