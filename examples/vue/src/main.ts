import { createApp } from 'vue';
import { components, janua } from '@janua/vue';
import '@janua/themes/light.css';
import App from './App.vue';

// The API on another port of the same host (CORS); see docs/deployment.md for the set-ups.
// `components` registers every element globally (<JanuaSignOutButton>); or import them one by one.
createApp(App).use(janua, { api: import.meta.env.VITE_JANUA_API ?? 'http://127.0.0.1:8787', components }).mount('#app');
