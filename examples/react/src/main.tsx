import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { JanuaProvider } from '@janua/react';
import '@janua/themes/light.css';
import './app.css';
import { App } from './App.tsx';

// The API is proxied on this origin (vite.config.ts); VITE_JANUA_API names another one.
const api = import.meta.env.VITE_JANUA_API || location.origin;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <JanuaProvider api={api}>
      <App />
    </JanuaProvider>
  </StrictMode>,
);
