import { expect, userEvent, waitFor } from 'storybook/test';
import { en, enAccount, type JanuaClient } from '@janua/core';
import type { JanuaAlert } from '../../components/alert/alert.ts';
import { queryAllDeep, queryDeep } from './dom.ts';
import { heldRequests } from './janua.ts';

/*
 * Play-function steps that act the way a user does: type into the real light-DOM inputs, press
 * the real submit button, then wait for what the user would see.
 */

const WAIT = { timeout: 8000 };

/** The light-DOM input named `name` inside `root`, once the element has rendered it. */
export async function input(root: HTMLElement, name: string): Promise<HTMLInputElement> {
  return waitFor(() => {
    const el = root.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!el) throw new Error(`no input[name="${name}"] rendered yet`);
    return el;
  }, WAIT);
}

/** Types each value into the input of that name, replacing what was there. */
export async function fill(root: HTMLElement, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = await input(root, name);
    await userEvent.clear(field);
    if (value) await userEvent.type(field, value);
  }
}

/** The native submit button of the form inside `root`. */
export function submitButton(root: HTMLElement): HTMLButtonElement {
  const button = root.querySelector<HTMLButtonElement>('form button[type="submit"]');
  if (!button) throw new Error('no submit button rendered');
  return button;
}

export async function submit(root: HTMLElement): Promise<void> {
  await userEvent.click(submitButton(root));
}

/** Waits for the form-level error region to show `message`. */
export async function expectFormError(root: HTMLElement, message: string): Promise<void> {
  await waitFor(() => expect(queryDeep(root, '[part="base"][role="status"]')).toHaveTextContent(message), WAIT);
}

/** Waits for the field `name` to be marked invalid with `message` under it. */
export async function expectFieldError(root: HTMLElement, name: string, message: string | RegExp): Promise<void> {
  const field = await input(root, name);
  await waitFor(() => {
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(typeof message === 'string' ? expect.stringContaining(message) : message);
  }, WAIT);
}

/** The client `el` uses: its own (`.client`), else that of the `<janua-provider>` around it. */
export function clientOf(el: Element | null): JanuaClient {
  type Host = Element & { client?: JanuaClient };
  const client = (el as Host | null)?.client ?? (el?.closest('janua-provider') as Host | null)?.client;
  if (!client) throw new Error(`no client on ${el?.localName ?? 'a missing element'} or a provider around it`);
  return client;
}

/** The kit element `tag` under `root`, once rendered. */
async function element(root: HTMLElement, tag: string): Promise<HTMLElement & { updateComplete?: Promise<unknown> }> {
  return waitFor(() => {
    const el = root.querySelector<HTMLElement>(tag);
    if (!el) throw new Error(`no ${tag} rendered yet`);
    return el;
  }, WAIT);
}

/** Whether the story server is holding a request of `client` whose path matches `path` right now. */
export function isHeld(client: JanuaClient, path: RegExp): boolean {
  const origin = new URL(client.api).origin;
  return heldRequests().some((url) => new URL(url).origin === origin && path.test(new URL(url).pathname));
}

/**
 * Waits until the story server holds a request of the story's client (that of the first element
 * under `root` handed one) whose path matches `path`, and `shows` (the element's busy or loading
 * UI) passes while it does. A story that forgot to hold the request fails here, even if its UI
 * was busy for a moment.
 */
export async function expectHeld(root: HTMLElement, path: RegExp, shows: () => void = () => undefined): Promise<void> {
  const client = await waitFor(() => clientOf([...root.querySelectorAll('*')].find((el) => 'client' in el && el.client) ?? null), WAIT);
  await waitFor(() => {
    expect(isHeld(client, path), `a held request to ${path}`).toBe(true);
    shows();
  }, WAIT);
}

/**
 * Waits until the request to `path` is held and the submit button shows the pending state (busy
 * and disabled) while it is.
 */
export async function expectPending(root: HTMLElement, path: RegExp): Promise<void> {
  await expectHeld(root, path, () => {
    const button = submitButton(root);
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toBeDisabled();
  });
}

/** Every alert under `root` (shadow roots too) that says something. */
export const alertsShown = (root: ParentNode): string[] =>
  queryAllDeep<JanuaAlert>(root, 'janua-alert').map((alert) => alert.message).filter(Boolean);

/**
 * Waits while the session of `tag`'s client is still being restored: the story server holds its
 * refresh, the client says 'loading', no alert says anything (a restore the server refused is
 * 'loading' too, with an alert) and `selector`, the element's placeholder, is there (null for a
 * gate, which shows nothing). The story's element must be on the held client, not on a signed-in
 * one whose data is loading.
 */
export async function expectRestoring(root: HTMLElement, tag: string, selector: string | null = '.janua-skeleton'): Promise<void> {
  const client = clientOf(await element(root, tag));
  await waitFor(() => {
    expect(isHeld(client, /\/auth\/refresh$/), 'the refresh is held').toBe(true);
    expect(client.getSnapshot().status).toBe('loading');
    expect(alertsShown(root)).toEqual([]);
    if (selector) expect(queryAllDeep(root, selector)).not.toHaveLength(0);
  }, WAIT);
}

/**
 * Waits until `tag`'s client is signed out and the element has rendered since, for a play that
 * then checks the element shows nothing (which it also does before its first render).
 */
export async function expectSignedOut(root: HTMLElement, tag: string): Promise<HTMLElement> {
  const el = await element(root, tag);
  const client = clientOf(el);
  await waitFor(() => expect(client.getSnapshot().status).toBe('signed-out'), WAIT);
  await el.updateComplete;
  expect(alertsShown(root)).toEqual([]);
  return el;
}

/** An account list whose first load failed: the card says something went wrong and offers Try again. */
export async function expectLoadFailed(root: HTMLElement): Promise<void> {
  await waitFor(() => {
    expect(root.textContent).toContain(en['error.generic']);
    expect([...root.querySelectorAll('button')].map((b) => b.textContent!.trim())).toContain(enAccount['account.retry']);
  }, WAIT);
}

export { WAIT };
