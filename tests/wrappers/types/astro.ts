/// <reference types="@janua/astro/env" />
import janua, { protect } from '@janua/astro';
import { createMiddleware } from '@janua/astro/middleware';
import { SignIn, UserName, type SignInProps } from '@janua/astro/components';

export const integration = janua({ api: 'https://auth.example.com', protect: ['/dashboard'] });
// @ts-expect-error the integration needs `api`
export const noApi = janua({});

export const ok = [SignIn({ redirectUrl: '/dashboard', appName: 'Acme', class: 'card', 'data-test': 'x' }), UserName({ format: 'first' })];
// @ts-expect-error redirectUrl is a string
export const wrongType = SignIn({ redirectUrl: 42 });
// @ts-expect-error objects cannot cross from the server: no `client` prop in Astro
export const noObjects = SignIn({ client: {} });
// @ts-expect-error format is 'full' | 'first' | 'email'
export const wrongFormat = UserName({ format: 'nickname' });
export const props: SignInProps = { redirectUrl: '/x' };

export function page(locals: App.Locals): string | null | undefined {
  return locals.janua.user?.firstName;
}
export const middleware = createMiddleware({ api: 'https://auth.example.com' });
export const guard = protect;
