// A stand-in for the Hanko API that answers exactly what `<hanko-auth>` (hanko-elements 2.x)
// needs to show its first screen, and nothing else. It exists so that bench:render can load
// Hanko's sign-in page in the same browser, on the same machine, in the same run as Janua's.
//
// What the first screen asks for (read from @teamhanko/hanko-frontend-sdk's State and auto-steps):
//  1. POST /login with {}: a flow starts. The answer is the `preflight` state, whose one action,
//     `register_client_capabilities`, the SDK runs by itself (an "auto-step").
//  2. POST <that action's href> with the client's WebAuthn capabilities: the answer is the
//     `login_init` state, whose `continue_with_login_identifier` action has an `email` input.
//     `<hanko-auth>` renders that state as its sign-in screen: heading, email input, Continue.
// The answers carry the fields the SDK reads (name, status, payload, csrf_token, actions with
// action/href/inputs/description, error); a real server's login_init would offer more actions
// (passkey autofill, third-party providers) that add buttons to the screen, so if anything this
// stub flatters Hanko. Any other request is answered 404 and counted, so a new Hanko version that
// needs more shows up in the report rather than as a silently broken page.
import { createServer } from 'node:http';

const boolInput = (name) => ({ name, type: 'boolean', required: true, hidden: true });

function state(name, actions) {
  return { name, status: 200, payload: {}, csrf_token: 'bench-csrf-token', actions, error: null };
}

export function preflight(flowId) {
  return state('preflight', {
    register_client_capabilities: {
      action: 'register_client_capabilities',
      href: `/login?action=register_client_capabilities%40${flowId}`,
      inputs: {
        webauthn_available: boolInput('webauthn_available'),
        webauthn_conditional_mediation_available: boolInput('webauthn_conditional_mediation_available'),
        webauthn_platform_authenticator_available: boolInput('webauthn_platform_authenticator_available'),
      },
      description: 'Send the computed capabilities of the client to the server.',
    },
  });
}

export function loginInit(flowId) {
  return state('login_init', {
    continue_with_login_identifier: {
      action: 'continue_with_login_identifier',
      href: `/login?action=continue_with_login_identifier%40${flowId}`,
      inputs: { email: { name: 'email', type: 'email', max_length: 100, required: true } },
      description: 'Enter an identifier to login.',
    },
  });
}

/** An HTTP server answering the two flow requests above (CORS for any loopback page origin). */
export function createHankoStub() {
  let flows = 0;
  const unexpected = [];
  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    const headers = {
      'Access-Control-Allow-Origin': origin ?? '*',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Headers': 'Content-Type, X-Language, Authorization',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Expose-Headers': 'X-Auth-Token, X-Session-Lifetime, X-Session-Retention',
      'Cache-Control': 'no-store',
      Vary: 'Origin',
    };
    const answer = (status, body) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    // The body is read (and dropped) before answering, as a real server would.
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub.invalid');
      const action = url.searchParams.get('action') ?? '';
      if (req.method === 'POST' && url.pathname === '/login' && !action) return answer(200, preflight(`flow-${++flows}`));
      if (req.method === 'POST' && url.pathname === '/login' && action.startsWith('register_client_capabilities@')) {
        return answer(200, loginInit(action.split('@')[1]));
      }
      unexpected.push(`${req.method} ${url.pathname}${url.search}`);
      return answer(404, { code: 404, message: 'not served by the bench stub' });
    });
  });
  return { server, unexpected, flows: () => flows };
}
