import { env } from '$env/dynamic/private';
import { januaHandle } from '@janua/svelte/server';

// Verifies the access-token cookie the browser's client keeps (against the server's JWKS) and
// sets event.locals.janua; signed-out visitors of /dashboard go to /sign-in?redirect_to=….
export const handle = januaHandle({ api: env.JANUA_API ?? 'http://127.0.0.1:8787', protect: ['/dashboard'] });
