// Points the demo's <janua-provider> at the reference server. The API URL comes from /config.js,
// which the demo server generates for the host name this page was loaded from (127.0.0.1 or
// localhost), so the refresh cookie stays same-site. This module runs before /janua.js (module
// scripts run in document order), so the provider has its `api` before it upgrades.
import { api, demoLogin } from '/config.js';

for (const provider of document.querySelectorAll('janua-provider[data-demo-api]')) {
  provider.setAttribute('api', api);
}
for (const output of document.querySelectorAll('[data-demo-api-url]')) {
  output.textContent = api;
}
if (demoLogin) {
  for (const output of document.querySelectorAll('[data-demo-login]')) {
    output.textContent = `Demo login: ${demoLogin.email} / ${demoLogin.password}`;
  }
}
