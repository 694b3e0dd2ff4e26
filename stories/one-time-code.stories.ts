import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/mfa-challenge/define.ts';
import { demoTotp } from './support/account.ts';
import { withMethods, type MethodsStory } from './support/methods.ts';
import { WAIT } from './support/play.ts';

/*
 * The kit's one-time-code input is the field `FormController.input()` renders with
 * `autocomplete="one-time-code"` and `inputmode="numeric"`: one real light-DOM input that a
 * texted code can fill, taking a pasted code whole and submitting at its last digit. The smallest
 * real element that hosts it is <janua-mfa-challenge>, shown here with a second factor owed.
 */
const meta: Meta = {
  title: 'Primitives/One-time code',
  parameters: {
    docs: {
      description: {
        component: `One labelled input, not six boxes (docs/primitives.md): \`autocomplete="one-time-code"\` so the
browser and password managers can fill a texted code, \`inputmode="numeric"\`, spaces and dashes dropped as they
are typed or pasted, submitted at the last digit. Its spacing, ring and motion are the field's. Shown in
\`<janua-mfa-challenge>\` against the reference server in this page, with the demo MFA account's step owed.`,
      },
    },
  },
  loaders: [withMethods({ mfaPending: true })],
  render: (_args, { loaded }) => html`<janua-mfa-challenge .client=${(loaded['methods'] as MethodsStory).client}></janua-mfa-challenge>`,
};
export default meta;

type Story = StoryObj;

/** The focused code field, once the step has rendered. */
async function field(root: HTMLElement): Promise<HTMLInputElement> {
  return waitFor(() => {
    const input = root.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]');
    expect(input).toHaveFocus();
    return input!;
  }, WAIT);
}

/** Empty and focused, waiting for six digits. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const input = await field(canvasElement);
    await expect(input).toHaveValue('');
    await expect(input).toHaveAttribute('inputmode', 'numeric');
  },
};

/** Three digits in: nothing is sent until the last one. */
export const PartlyFilled: Story = {
  play: async ({ canvasElement }) => {
    const input = await field(canvasElement);
    await userEvent.type(input, '123');
    await expect(input).toHaveValue('123');
    await expect(input).not.toHaveAttribute('aria-invalid');
  },
};

/** A wrong code: said under the field, which is marked invalid and keeps focus for another try. */
export const Invalid: Story = {
  play: async ({ canvasElement }) => {
    const input = await field(canvasElement);
    const right = await demoTotp();
    await userEvent.type(input, right === '000000' ? '111111' : '000000');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'), WAIT);
    await expect(input).toHaveAccessibleDescription(expect.stringContaining('That code is not right'));
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Invalid.play };
