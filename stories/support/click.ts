import { userEvent, waitFor } from 'storybook/test';
import { WAIT } from './play.ts';

/** The light-DOM button under `root` whose text is `text` (or matches it), once it is there. */
export async function buttonNamed(root: ParentNode, text: string | RegExp): Promise<HTMLButtonElement> {
  return waitFor(() => {
    const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => {
      const label = b.textContent!.replace(/\s+/g, ' ').trim();
      return typeof text === 'string' ? label === text : text.test(label);
    });
    if (!found) throw new Error(`no "${String(text)}" button yet`);
    return found;
  }, WAIT);
}

/** Clicks that button, as a user does. */
export async function clickButton(root: ParentNode, text: string | RegExp): Promise<void> {
  await userEvent.click(await buttonNamed(root, text));
}
