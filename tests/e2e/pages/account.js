// Points the pages' provider at the reference server named by /config.js, which the static
// server writes for the host name the page was loaded from: the journey runs on `localhost`,
// where WebAuthn works (an IP address cannot be a relying party). The forgot-password form asks
// for links back to this site, so reset emails open /reset-password/ here. Runs before /janua.js.
import { api } from '/config.js';

for (const el of document.querySelectorAll('janua-provider')) el.setAttribute('api', api);
for (const el of document.querySelectorAll('janua-forgot-password')) el.setAttribute('redirect-base', location.origin);
