// Points the demo's <janua-provider> (and the header's user button) at the reference server.
// The API URL comes from /config.js, which the demo server generates for the host name this page was loaded from (127.0.0.1 or
// localhost), so the refresh cookie stays same-site. This module runs before /janua.js (module
// scripts run in document order), so the provider has its `api` before it upgrades.
import { api, demoLogin } from '/config.js';

for (const el of document.querySelectorAll('[data-demo-api]')) {
  el.setAttribute('api', api);
}
// Reset emails open this site's /reset-password/ (the server's own front-end URL is the API's).
for (const el of document.querySelectorAll('janua-forgot-password')) {
  el.setAttribute('redirect-base', location.origin);
}
for (const output of document.querySelectorAll('[data-demo-api-url]')) {
  output.textContent = api;
}
if (demoLogin) {
  for (const output of document.querySelectorAll('[data-demo-login]')) {
    output.textContent = `Demo login: ${demoLogin.email} / ${demoLogin.password}`;
  }
}
