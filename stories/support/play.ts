import { expect, userEvent, waitFor } from 'storybook/test';
import { queryDeep } from './dom.ts';

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

/** Waits until the submit button shows the pending state (busy and disabled). */
export async function expectPending(root: HTMLElement): Promise<void> {
  await waitFor(() => {
    const button = submitButton(root);
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(button).toBeDisabled();
  }, WAIT);
}

/**
 * Waits for `selector` (the element's placeholder) while the session is still being restored:
 * the story's element must be on the held client, not on a signed-in one whose data is loading.
 */
export async function expectRestoring(root: HTMLElement, tag: string, selector = '.janua-skeleton'): Promise<void> {
  await waitFor(() => expect(root.querySelector(selector)).toBeTruthy(), WAIT);
  const { client } = root.querySelector(tag) as HTMLElement & { client?: { getSnapshot(): { status: string } } };
  expect(client?.getSnapshot().status).toBe('loading');
}

export { WAIT };
