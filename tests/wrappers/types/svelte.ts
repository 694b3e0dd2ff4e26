import type { ComponentProps } from 'svelte';
import type { SvelteHTMLElements } from 'svelte/elements';
import { configure, isAuthenticated, organization, SignIn, user, UserName, type JanuaSignedInEvent } from '@janua/svelte';
import { januaHandle, requireUser, type JanuaLocals } from '@janua/svelte/server';

configure({ api: 'https://auth.example.com', initialState: { user: null } });

export const signIn: ComponentProps<typeof SignIn> = {
  redirectUrl: '/dashboard',
  onSignedIn: (event) => {
    const id: string = event.detail.userId;
    const typed: JanuaSignedInEvent = event;
    void id; void typed;
  },
};
export const userName: ComponentProps<typeof UserName> = { format: 'first' };
// @ts-expect-error redirectUrl is a string
export const wrongType: ComponentProps<typeof SignIn> = { redirectUrl: 42 };
// @ts-expect-error format is 'full' | 'first' | 'email'
export const wrongFormat: ComponentProps<typeof UserName> = { format: 'nickname' };
// @ts-expect-error the payload's userId is a string
export const wrongPayload: ComponentProps<typeof SignIn> = { onSignedIn: (event) => { const n: number = event.detail.userId; void n; } };

// The raw tags in markup are typed too.
export const raw: SvelteHTMLElements['janua-sign-in'] = { 'redirect-url': '/x', 'onjanua-signed-in': (event) => event.detail.userId };
// @ts-expect-error the raw tag's format is typed as well
export const rawWrong: SvelteHTMLElements['janua-user-name'] = { format: 'nickname' };

export const stores = [user, isAuthenticated, organization];
user.subscribe((u) => {
  const first: string | null | undefined = u?.firstName;
  void first;
});

export const handle = januaHandle({ api: 'https://auth.example.com', protect: ['/dashboard'] });
export function guard(locals: { janua: JanuaLocals }, url: URL): string | null {
  return requireUser(locals, url);
}
