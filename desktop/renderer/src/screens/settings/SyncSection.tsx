import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusInfo } from '@reelshelf/shared/contracts';
import { useAction, useCore, useQuery } from '../../core';
import { useFormat } from '../../i18n/format';
import { ErrorMessage } from '../../ui/Status';
import { SaveStatus, Section } from './Section';

/** The sync account: where it stands, sign in or create one, sync now, sign out, this account's devices. */
export function SyncSection() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const core = useCore();
  const query = useQuery('sync.status', {});
  const [live, setLive] = useState<SyncStatusInfo>();
  // Electron forwards `sync` events; browser mode reloads on `changed` (useQuery) and after each action.
  useEffect(() => core.on('sync', setLive), [core]);
  useEffect(() => setLive(undefined), [query.data]);
  const status = live ?? query.data;
  const signedIn = status !== undefined && status.state !== 'signed-out';

  const now = useAction('sync.now');
  const logout = useAction('sync.logout');
  const [message, setMessage] = useState('');

  return (
    <Section title={t('sync.title')} intro={t('sync.intro')}>
      <ErrorMessage error={query.error} />
      {status && (
        <dl className="settings-facts">
          <div>
            <dt>{t('sync.state')}</dt>
            <dd>{t(`sync.states.${status.state}`)}</dd>
          </div>
          {status.server && (
            <div>
              <dt>{t('sync.server')}</dt>
              <dd>{status.server}</dd>
            </div>
          )}
          {status.email && (
            <div>
              <dt>{t('sync.email')}</dt>
              <dd>{status.email}</dd>
            </div>
          )}
          {signedIn && (
            <>
              <div>
                <dt>{t('sync.pending')}</dt>
                <dd>{f.number(status.pending)}</dd>
              </div>
              <div>
                <dt>{t('sync.lastSynced')}</dt>
                <dd>{status.lastSyncedAt ? f.dateTime(status.lastSyncedAt) : t('sync.never')}</dd>
              </div>
            </>
          )}
          {status.reason && (
            <div>
              <dt>{t('sync.reason')}</dt>
              <dd>{status.reason}</dd>
            </div>
          )}
          {status.clockWarning && (
            <div>
              <dt>{t('sync.clock')}</dt>
              <dd>{status.clockWarning}</dd>
            </div>
          )}
        </dl>
      )}
      {status && !signedIn && (
        <SignInForm
          onDone={(text) => {
            setMessage(text);
            query.reload();
          }}
        />
      )}
      {signedIn && (
        <>
          <div className="settings-buttons">
            <button
              type="button"
              className="primary"
              disabled={now.busy || status.state === 'syncing'}
              onClick={async () => {
                const next = await now.run({});
                if (next) {
                  setMessage(t('sync.synced'));
                  query.reload();
                }
              }}
            >
              {now.busy || status.state === 'syncing' ? t('sync.syncing') : t('sync.syncNow')}
            </button>
            <button
              type="button"
              disabled={logout.busy}
              onClick={async () => {
                if (await logout.run({})) {
                  setMessage(t('sync.signedOut'));
                  query.reload();
                }
              }}
            >
              {t('sync.signOut')}
            </button>
          </div>
          <ErrorMessage error={now.error ?? logout.error} />
          <Devices />
        </>
      )}
      <SaveStatus text={message} />
    </Section>
  );
}

function SignInForm({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const login = useAction('sync.login');
  const register = useAction('sync.register');
  const [server, setServer] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const busy = login.busy || register.busy;

  const submit = async (action: Pick<typeof login, 'run'>, message: string) => {
    login.reset();
    register.reset();
    const args = {
      server: server.trim(),
      email: email.trim(),
      password,
      ...(deviceName.trim() ? { deviceName: deviceName.trim() } : {}),
    };
    if (await action.run(args)) {
      setPassword('');
      onDone(message);
    }
  };

  return (
    <form
      className="settings-signin"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(login, t('sync.signedIn'));
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-server`}>{t('sync.server')}</label>
        <input
          id={`${id}-server`}
          type="url"
          required
          value={server}
          onChange={(e) => setServer(e.target.value)}
          placeholder="https://sync.example.org"
          autoComplete="url"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('sync.email')}</label>
        <input
          id={`${id}-email`}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('sync.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-device`}>{t('sync.deviceName')}</label>
        <input
          id={`${id}-device`}
          value={deviceName}
          onChange={(e) => setDeviceName(e.target.value)}
          aria-describedby={`${id}-device-hint`}
        />
        <span id={`${id}-device-hint`} className="muted settings-hint">
          {t('sync.deviceNameHint')}
        </span>
      </div>
      <div className="settings-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('sync.signIn')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={(e) => {
            // Same checks the browser gives the submit button.
            if (e.currentTarget.form?.reportValidity()) void submit(register, t('sync.registered'));
          }}
        >
          {t('sync.register')}
        </button>
      </div>
      <ErrorMessage error={login.error ?? register.error} />
    </form>
  );
}

function Devices() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const devices = useQuery('sync.devices', {});
  const revoke = useAction('sync.revoke');
  const [message, setMessage] = useState('');
  return (
    <div className="settings-devices">
      <h3>{t('sync.devices')}</h3>
      <ErrorMessage error={devices.error ?? revoke.error} />
      {devices.data && (
        <ul>
          {devices.data.map((d) => (
            <li key={d.id}>
              <div>
                <strong>{d.name}</strong>
                {d.current && <span className="settings-this-device"> {t('sync.thisDevice')}</span>}
                <span className="muted settings-folder-facts">
                  {t('sync.added', { when: f.dateTime(d.createdAt) })}
                  {d.lastSeenAt && ` · ${t('sync.lastSeen', { when: f.dateTime(d.lastSeenAt) })}`}
                </span>
              </div>
              {!d.current && (
                <button
                  type="button"
                  className="danger"
                  disabled={revoke.busy}
                  aria-label={t('sync.revokeLabel', { name: d.name })}
                  onClick={async () => {
                    if (await revoke.run({ deviceId: d.id })) {
                      setMessage(t('sync.revoked', { name: d.name }));
                      devices.reload();
                    }
                  }}
                >
                  {t('sync.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <SaveStatus text={message} />
    </div>
  );
}
