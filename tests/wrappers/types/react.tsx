import { useRef } from 'react';
import {
  JanuaProvider, OrgSwitcher, SignIn, SignOutButton, UserName, useAuth, useOrganization, useUser,
  type JanuaSignedInEvent, type SignInProps,
} from '@janua/react';
import type { JanuaSignIn } from '@janua/ui/sign-in/class';

export function App() {
  const { isSignedIn, userId, getToken } = useAuth();
  const { user } = useUser();
  const { organization, switchOrganization } = useOrganization();
  const ref = useRef<JanuaSignIn>(null);
  const first: string | null | undefined = user?.firstName;
  const token: Promise<string | null> = getToken();
  void first; void token; void switchOrganization; void organization;
  return (
    <JanuaProvider api="https://auth.example.com" ssrCookie initialState={{ user: null }}>
      {isSignedIn ? <p>{userId}</p> : null}
      <SignIn
        ref={ref}
        redirectUrl="/dashboard"
        appName="Acme"
        className="card"
        onSignedIn={(event) => {
          const id: string = event.detail.userId;
          const typed: JanuaSignedInEvent = event;
          void id; void typed;
        }}
        onNavigate={(event) => {
          if (event.detail.reason === 'signed-in') event.preventDefault();
        }}
      >
        <h2 slot="header">Welcome back</h2>
      </SignIn>
      <UserName format="first" />
      <SignOutButton onSignedOut={() => undefined} />
      {/* An element another issue added: generated with its props and typed events. */}
      <OrgSwitcher hidePersonal onOrgSwitched={(event) => { const id: string | null = event.detail.organizationId; void id; }} />
      {/* @ts-expect-error organizationId is string | null */}
      <OrgSwitcher onOrgSwitched={(event) => { const id: string = event.detail.organizationId; void id; }} />
      {/* @ts-expect-error redirectUrl is a string */}
      <SignIn redirectUrl={42} />
      {/* @ts-expect-error no such prop */}
      <SignIn redirectURL="/x" />
      {/* @ts-expect-error format is 'full' | 'first' | 'email' */}
      <UserName format="nickname" />
      {/* @ts-expect-error the payload's userId is a string */}
      <SignIn onSignedIn={(event) => { const n: number = event.detail.userId; void n; }} />
      {/* @ts-expect-error sign-out has no janua-signed-in event */}
      <SignOutButton onSignedIn={() => undefined} />
    </JanuaProvider>
  );
}

export const props: SignInProps = { redirectUrl: '/x' };
// @ts-expect-error JanuaProvider takes no `apiUrl`
export const bad = <JanuaProvider apiUrl="x" />;
