import { createApp, h } from 'vue';
import {
  components, janua, OrgSwitcher, SignIn, SignOutButton, UserName, useAuth, useUser,
  type JanuaOrgSwitchedEvent, type JanuaSignedInEvent,
} from '@janua/vue';
import { isCustomElement } from '@janua/vue/config';

const app = createApp({ render: () => h(SignIn, { redirectUrl: '/x' }) });
app.use(janua, { api: 'https://auth.example.com', components });
// @ts-expect-error the plugin needs its options object
app.use(janua, 'https://auth.example.com');

export const ok = [
  h(SignIn, {
    redirectUrl: '/dashboard',
    appName: 'Acme',
    onSignedIn: (event: JanuaSignedInEvent) => event.detail.userId,
    onNavigate: (event) => event.detail.reason === 'sign-up' && event.preventDefault(),
  }),
  h(UserName, { format: 'first' }),
  h(SignOutButton, { onSignedOut: () => undefined }),
];

// An element another issue added: generated with its props and typed emits.
export const org = h(OrgSwitcher, { hidePersonal: true, onOrgSwitched: (event: JanuaOrgSwitchedEvent) => { const id: string | null = event.detail.organizationId; return id; } });
// @ts-expect-error organizationId is string | null
export const wrongOrg = h(OrgSwitcher, { onOrgSwitched: (event: JanuaOrgSwitchedEvent) => { const id: string = event.detail.organizationId; return id; } });
// @ts-expect-error redirectUrl is a string
export const wrongType = h(SignIn, { redirectUrl: 42 });
// @ts-expect-error format is 'full' | 'first' | 'email'
export const wrongFormat = h(UserName, { format: 'nickname' });
// @ts-expect-error the payload's userId is a string
export const wrongPayload = h(SignIn, { onSignedIn: (event: JanuaSignedInEvent) => { const n: number = event.detail.userId; return n; } });

export function setup() {
  const { isSignedIn } = useAuth();
  const { user } = useUser();
  const name: string | null | undefined = user.value?.firstName;
  const signedIn: boolean = isSignedIn.value;
  return { name, signedIn };
}

// Registered globally: the template type checker sees them as GlobalComponents.
type Global = import('vue').GlobalComponents;
export const global: Global['JanuaSignIn'] = SignIn;
export const matcher: (tag: string) => boolean = isCustomElement;
