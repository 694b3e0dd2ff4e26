import { html, type TemplateResult } from 'lit';
import type { JanuaClient } from '@janua/core';
import '../../components/provider/define.ts';
import '../../components/sign-in/define.ts';
import '../../components/signed-in/define.ts';
import '../../components/signed-out/define.ts';
import '../../components/sign-out-button/define.ts';
import '../../components/user-name/define.ts';
import { manifestArgs } from './args.ts';
import { DEMO_LOGIN } from './janua.ts';

/** The seeded login, shown next to the form so anyone browsing Storybook can sign in. */
export function demoLoginHint(): TemplateResult {
  return html`<p class="story-hint">Demo login: <code>${DEMO_LOGIN.email}</code> / <code>${DEMO_LOGIN.password}</code></p>`;
}

/** Storybook args for the element a story is about, applied through the manifest. */
export interface PageArgs {
  provider?: Record<string, unknown>;
  signedIn?: Record<string, unknown>;
  signedOut?: Record<string, unknown>;
}

/**
 * The page an app would build from the kit: one provider, a sign-in form for signed-out
 * visitors, a greeting and a sign-out button for signed-in ones. The gate stories show it whole,
 * because what a gate does only shows next to its counterpart.
 */
export function authPage(client: JanuaClient, args: PageArgs = {}): TemplateResult {
  return html`<janua-provider .client=${client} ${manifestArgs(args.provider ?? {})}>
    <janua-signed-out ${manifestArgs(args.signedOut ?? {})}>
      <p class="story-signed-out" id="signed-out-content">You are signed out.</p>
      ${demoLoginHint()}
      <janua-sign-in></janua-sign-in>
    </janua-signed-out>
    <janua-signed-in ${manifestArgs(args.signedIn ?? {})}>
      <div class="story-stack" id="signed-in-content">
        <p>Welcome back, <janua-user-name></janua-user-name>.</p>
        <janua-sign-out-button></janua-sign-out-button>
      </div>
    </janua-signed-in>
  </janua-provider>`;
}

/** True when `el` has a layout box: unslotted light-DOM content of a closed gate has none. */
export function isShown(el: Element | null): boolean {
  return Boolean(el?.checkVisibility());
}
