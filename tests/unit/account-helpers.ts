import { JanuaClient } from '@janua/core';
import { passkeysTable } from '../../packages/server/src/passkeys/tables.ts';
import { API, PASSWORD, startServer, type, uniqueEmail, until as waitFor } from './helpers.ts';

export type Server = Awaited<ReturnType<typeof startServer>>;

/** A fresh in-page server and a client signed in to a new account (first name Ada). */
export async function signedIn(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  const email = uniqueEmail();
  await server.client.signUp({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
  return { server, client: server.client, email };
}

/** What the server "sent" to `to` (the dev outbox), newest last. */
export async function outbox(server: Server, to: string): Promise<{ subject: string; link?: string; code?: string; text: string }[]> {
  const res = await server.app.fetch(new Request(`${API}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`));
  return (await res.json()) as { subject: string; link?: string; code?: string; text: string }[];
}

/**
 * Signs `email` in from a browser with this user agent (a session the list can name). The page
 * cannot send its own User-Agent header (browsers set it, and may drop it from a Request built in
 * script), but the server in this tab reads whatever headers it is handed.
 */
export async function signInWithAgent(server: Server, email: string, userAgent: string): Promise<void> {
  const headers = new Headers({ 'content-type': 'application/json', 'user-agent': userAgent });
  const request = new Request(`${API}/api/v1/auth/signin`, { method: 'POST', headers, body: JSON.stringify({ email, password: PASSWORD }) });
  Object.defineProperty(request, 'headers', { value: headers });
  const res = await server.app.fetch(request);
  if (!res.ok) throw new Error(`sign-in with a user agent: ${res.status}`);
}

/**
 * A client of a server that speaks only the contract's core (docs/api.md) where asked: the
 * reference server in this tab with the chosen (ext) routes answering 404 as the platform does,
 * with `bareStatus`, `GET /mfa/status` without its `methods` (ext), and with `noPicture`, a
 * `PATCH /users/me` that ignores `profile_image_url` (ext). It signs up a new account.
 */
export async function withoutExtensions(server: Server, o: { routes?: RegExp; bareStatus?: boolean; noPicture?: boolean }) {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/api\/v1/, '');
    if (o.routes?.test(path)) {
      return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found', details: {} } }, { status: 404 });
    }
    if (o.noPicture && path === '/users/me' && request.method === 'PATCH') {
      // The contract's PATCH has no picture field: such a server ignores it.
      const { profile_image_url: _, ...rest } = (await request.json()) as Record<string, unknown>;
      request = new Request(request.url, { method: 'PATCH', headers: request.headers, body: JSON.stringify(rest) });
    }
    const response = await server.fetch(request);
    if (!o.bareStatus || path !== '/mfa/status' || !response.ok) return response;
    const { methods: _, ...bare } = (await response.json()) as Record<string, unknown>;
    return Response.json(bare);
  };
  const client = new JanuaClient({ api: API, fetch, refreshTransport: 'body', crossTab: false });
  const email = uniqueEmail();
  await client.signUp({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
  return { client, email };
}

/** A passkey stored for the signed-in user, as a registration would leave it. */
export function storePasskey(server: Server, client: JanuaClient, name: string, lastUsedAt: number | null = null): string {
  const id = crypto.randomUUID();
  server.app.ctx.store.table(passkeysTable).insert({
    id, user_id: client.user!.id, credential_id: `cred-${id}`, public_key: 'pk', sign_count: 0, transports: ['internal'],
    name, authenticator_attachment: 'platform', device_type: 'multiDevice', backed_up: true,
    created_at: Date.parse('2026-03-04T10:00:00Z'), last_used_at: lastUsedAt,
  });
  return id;
}

/**
 * The page's clipboard, held for a test: what `writeText` was given lands in `copied`; `refuse()`
 * makes it fail as a browser that denies the permission does; `restore()` puts the real one back.
 */
export function stubClipboard(): { copied: string[]; refuse(): void; restore(): void } {
  const clipboard = navigator.clipboard;
  const original = clipboard.writeText;
  const copied: string[] = [];
  const set = (value: Clipboard['writeText']) => Object.defineProperty(clipboard, 'writeText', { configurable: true, value });
  set(async (text: string) => void copied.push(text));
  return {
    copied,
    refuse: () => set(async () => { throw new DOMException('no', 'NotAllowedError'); }),
    restore: () => set(original),
  };
}

/** Light-DOM buttons of `root` by their text. */
export function buttonNamed(root: ParentNode, text: string | RegExp): HTMLButtonElement {
  const all = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((b) => (typeof text === 'string' ? b.textContent!.trim() === text : text.test(b.textContent!)));
  if (!found) throw new Error(`no button "${text}" among: ${all.map((b) => b.textContent!.trim()).join(', ')}`);
  return found;
}

/** Waits until a button with that text is there, then returns it. */
export async function waitButton(root: ParentNode, text: string | RegExp): Promise<HTMLButtonElement> {
  await until(() => { try { return buttonNamed(root, text); } catch { return false; } }, `button "${text}"`);
  return buttonNamed(root, text);
}

/** The light-DOM region of one account section (`data-janua-region`). */
export const region = (el: Element, name: string): HTMLElement => el.querySelector<HTMLElement>(`[data-janua-region="${name}"]`)!;

/** The element's polite alert text (card or section). */
export function alertText(el: Element, which = 'janua-alert'): string {
  const alert = el.shadowRoot!.querySelector(which) as HTMLElement & { message: string };
  return alert?.message ?? '';
}

export function input(root: ParentNode, name: string): HTMLInputElement {
  const found = root.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!found) throw new Error(`no input ${name}`);
  return found;
}

/** Types into the named light-DOM input. */
export function fill(root: ParentNode, name: string, value: string): void {
  type(input(root, name), value);
}

/** The error shown under a field, through its aria-describedby. */
export function fieldError(field: HTMLInputElement): string {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)!).find((n) => n?.classList.contains('janua-field-error'))?.textContent ?? '';
}

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Says what has focus (a readable failure: chai must never diff two DOM nodes). */
export function focused(): string {
  const a = deepActive();
  if (!a) return 'nothing';
  if (a.localName === 'button' || a.localName === 'a' || a.getAttribute('role') === 'menuitem') return `${a.localName} "${a.textContent!.trim()}"`;
  const name = a.getAttribute('name') ?? a.getAttribute('part') ?? a.className;
  return `${a.localName}${name ? ` ${name}` : ''}`;
}

/** A control's name from its `aria-labelledby` (each id's text, in order), or its own text. */
export function labelledName(el: Element): string {
  const ids = el.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? [];
  if (!ids.length) return el.textContent!.trim();
  return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? `#${id} missing`).join(' ');
}

/** Submits the light-DOM form that holds `name`'s input (or the first form). */
export function submitForm(root: ParentNode): void {
  root.querySelector<HTMLFormElement>('form')!.requestSubmit();
}

/** Waits for a condition; generous, since the machine may be busy with other suites. */
export const until = (check: () => unknown, what: string, timeout = 20_000) => waitFor(check, what, timeout);

/** Per-test time for these suites: several real password hashes per test on a shared machine. */
export const SLOW = 90_000;

export { PASSWORD, uniqueEmail };
