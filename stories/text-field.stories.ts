import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en } from '@janua/core';
import '../components/button/define.ts';
import { JanuaElement } from '../components/internal/janua-element.ts';
import { FormController } from '../components/internal/form-controller.ts';
import { LightRegion } from '../components/internal/light-region.ts';
import { expectFieldError, fill, input, submit, WAIT } from './support/play.ts';

/*
 * The kit's text field is not a tag of its own: it is what `FormController.input()` renders into an
 * element's light DOM (label, input, hint, error, wired with aria-describedby/aria-invalid).
 * This story-only host renders one such field through that very code, with a submit button so
 * native validation runs as it does in the sign-in and sign-up forms.
 */
class StoryTextField extends JanuaElement {
  static override properties: PropertyDeclarations = {
    name: {},
    label: {},
    type: {},
    autocomplete: {},
    hint: {},
    required: { type: Boolean },
    disabled: { type: Boolean },
    value: {},
    minlength: { type: Number },
    serverError: { attribute: 'server-error' },
  };
  static override styles = css`
    :host {
      display: block;
      max-inline-size: 26rem;
    }
  `;

  declare name: string;
  declare label: string;
  declare type: 'text' | 'email' | 'password';
  declare autocomplete: string;
  declare hint: string;
  declare required: boolean;
  declare disabled: boolean;
  /** The field's starting value. */
  declare value: string;
  declare minlength: number | undefined;
  /** A message as the server would send it in a 422, shown under the field. */
  declare serverError: string;

  private readonly form = new FormController(this);

  constructor() {
    super();
    this.name = 'email';
    this.label = en['field.email'];
    this.type = 'email';
    this.autocomplete = 'username';
    this.hint = '';
    this.required = true;
    this.disabled = false;
    this.value = '';
    this.minlength = undefined;
    this.serverError = '';
    new LightRegion(this, 'form', () => this.renderForm());
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('serverError')) this.form.errors = this.serverError ? { [this.name]: this.serverError } : {};
  }

  private renderForm(): TemplateResult {
    return html`<form class="janua-form" @submit=${(e: Event) => e.preventDefault()} @invalid=${this.form.onInvalid}>
      ${this.form.input({
        name: this.name,
        label: this.label,
        type: this.type,
        autocomplete: this.autocomplete,
        required: this.required,
        disabled: this.disabled,
        value: this.value || undefined,
        minlength: this.minlength,
        hint: this.hint || undefined,
      })}
      ${this.form.submit({ label: 'Check', pendingLabel: 'Checking…' })}
    </form>`;
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('story-text-field')) customElements.define('story-text-field', StoryTextField);

interface TextFieldArgs {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  autocomplete: string;
  hint: string;
  required: boolean;
  disabled: boolean;
  value: string;
  serverError: string;
}

const meta: Meta<TextFieldArgs> = {
  title: 'Primitives/Text field',
  args: {
    name: 'email',
    label: en['field.email'],
    type: 'email',
    autocomplete: 'username',
    hint: 'We never share it.',
    required: true,
    disabled: false,
    value: '',
    serverError: '',
  },
  argTypes: {
    type: { control: 'inline-radio', options: ['text', 'email', 'password'] },
    serverError: { description: 'A message as the server sends it in a 422, shown under the field.' },
  },
  render: (args) => html`<story-text-field
    name=${args.name}
    label=${args.label}
    type=${args.type}
    autocomplete=${args.autocomplete}
    hint=${args.hint || nothing}
    ?required=${args.required}
    ?disabled=${args.disabled}
    value=${args.value || nothing}
    server-error=${args.serverError || nothing}
  ></story-text-field>`,
};
export default meta;

type Story = StoryObj<TextFieldArgs>;

/** A real `<label for>` names the input; the hint is its description. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const field = await input(canvasElement, 'email');
    await expect(field).toHaveAccessibleName(en['field.email']);
    await expect(field).toHaveAccessibleDescription('We never share it.');
  },
};

/** Filled in: the value the user typed (or a password manager put there). */
export const Filled: Story = {
  args: { value: 'ada@example.com' },
  play: async ({ canvasElement }) => {
    await expect(await input(canvasElement, 'email')).toHaveValue('ada@example.com');
  },
};

/** Disabled, as every field of a form is while it is being sent. */
export const Disabled: Story = {
  args: { value: 'ada@example.com', disabled: true },
  play: async ({ canvasElement }) => {
    await expect(await input(canvasElement, 'email')).toBeDisabled();
  },
};

export const WithoutHint: Story = { args: { hint: '' } };

/** Submitted empty: native validation runs, the kit's message goes under the field. */
export const FieldError: Story = {
  play: async ({ canvasElement }) => {
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'email', en['field.required']);
  },
};

/** Fixing the value clears the error as the user types. */
export const ErrorClearsOnInput: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { email: 'ada@' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'email', en['field.invalidEmail']);
    await fill(canvasElement, { email: 'ada@example.com' });
    const field = await input(canvasElement, 'email');
    await waitFor(() => expect(field).not.toHaveAttribute('aria-invalid'), WAIT);
  },
};

/** An error that came from the server (422), shown the same way. */
export const ServerError: Story = {
  args: { serverError: 'This email domain does not accept mail' },
  play: async ({ canvasElement }) => {
    await expectFieldError(canvasElement, 'email', 'This email domain does not accept mail');
  },
};

export const Password: Story = {
  args: { name: 'password', label: en['field.password'], type: 'password', autocomplete: 'current-password', hint: '' },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: FieldError.play };
