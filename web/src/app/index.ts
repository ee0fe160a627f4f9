/** Public entry of the application root. */
export { App } from './app.tsx';
