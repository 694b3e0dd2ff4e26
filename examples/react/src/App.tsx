import { useState, version } from 'react';
import { passkeys } from '@janua/core';
import { SignIn, SignOutButton, UserName, useAuth, useJanua, useUser } from '@janua/react';

/** Shown only to signed-in users: the hook decides, the element shows their name too. */
function Dashboard() {
  const { user } = useUser();
  const { sessionId } = useAuth();
  const client = useJanua();
  const [passkey, setPasskey] = useState('');
  const addPasskey = async () => {
    if (!client) return;
    try {
      const created = await passkeys(client).register({ name: 'This device' });
      setPasskey(`Passkey "${created.name}" added.`);
    } catch (error) {
      setPasskey(`No passkey: ${(error as Error).message}`);
    }
  };
  return (
    <section aria-labelledby="dashboard-title" data-testid="protected">
      <h2 id="dashboard-title">Dashboard</h2>
      <p data-testid="hook-user">Welcome, {user?.firstName ?? user?.email}.</p>
      <p>
        The element says: <UserName format="full" />.
      </p>
      <p data-testid="session">Session {sessionId ? 'active' : 'none'}</p>
      <p>
        <button type="button" onClick={addPasskey}>Add a passkey</button> <span role="status">{passkey}</span>
      </p>
      <SignOutButton onSignedOut={() => setPasskey('')} />
    </section>
  );
}

export function App() {
  const { isLoaded, isSignedIn } = useAuth();
  const [events, setEvents] = useState<string[]>([]);
  return (
    <>
      <header>
        <h1>Janua + React {version.split('.')[0]}</h1>
      </header>
      <main>
        {!isLoaded ? (
          <p>Loading…</p>
        ) : isSignedIn ? (
          <Dashboard />
        ) : (
          <section aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">Sign in</h2>
            <SignIn
              appName="React example"
              onSignedIn={(event) => setEvents((list) => [...list, `signed in ${event.detail.userId}`])}
              onError={(event) => setEvents((list) => [...list, `error ${event.detail.code}`])}
            />
            {/* The card offers "Sign in with a passkey" itself, and passkey autofill on its email field. */}
          </section>
        )}
        <ul aria-label="Events" data-testid="events">
          {events.map((e, i) => <li key={i}>{e}</li>)}
        </ul>
      </main>
    </>
  );
}
