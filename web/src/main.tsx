import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/index.ts';
import { PublicApp, isPublicPath } from './public/index.ts';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {isPublicPath(window.location.pathname) ? <PublicApp /> : <App />}
    </StrictMode>,
  );
}
