"use client";

import { useRef, useState, type FormEvent, type InputHTMLAttributes, type RefObject } from "react";
import { send } from "@/lib/browser/query/request";
import { safeNextPath } from "@/lib/shared/session/next-path";

interface LoginFormProps {
  /** Where to go after login; already sanitised by the page, checked again here. */
  next: string;
  /** The demo account, shown only in demo mode. */
  demo?: { username: string; password: string };
}

type Failure = { message: string; field: "username" | "password" | null };

const COOKIE_REFUSED =
  "You are logged in, but your browser did not keep the session cookie. Open the dashboard over https (or at http://localhost), or tell the dashboard's operator that the session cookie is not kept over this address.";

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") return body.error.message;
  } catch {
    /* not our JSON: fall through */
  }
  return `Logging in failed (HTTP ${res.status}). Try again in a moment.`;
}

interface LoginFieldProps {
  inputRef: RefObject<HTMLInputElement | null>;
  name: "username" | "password";
  label: string;
  type: "text" | "password";
  autoComplete: string;
  /** Input attributes only one field needs (the username's capitalisation and focus). */
  extra?: InputHTMLAttributes<HTMLInputElement>;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  /** Whether the error paragraph is on screen to point at. */
  described: boolean;
}

function LoginField({ inputRef, name, label, type, autoComplete, extra, value, onChange, invalid, described }: LoginFieldProps) {
  const id = `login-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        {...extra}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={described ? "login-error" : undefined}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 focus:border-brand-600 focus:ring-1 focus:ring-brand-600 focus:outline-none"
      />
    </div>
  );
}

export function LoginForm({ next, demo }: LoginFormProps) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Bumped on every failure so the same message is announced again.
  const [attempt, setAttempt] = useState(0);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // Focus goes where the officer has to act next; the alert itself is announced by role="alert".
  function fail(next: Failure) {
    setFailure(next);
    setAttempt((n) => n + 1);
    const target = next.field === "username" || !username.trim() ? usernameRef.current : passwordRef.current;
    target?.focus();
    target?.select();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!username.trim() || !password) {
      fail({ message: "Enter your username and password.", field: username.trim() ? "password" : "username" });
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      const res = await send("/api/auth/login", { method: "POST", body: { username, password } });
      if (res.status === 204) {
        // A Secure cookie over plain http elsewhere than localhost is dropped silently; say so.
        const me = await send("/api/auth/me");
        if (!me.ok) throw new Error(COOKIE_REFUSED);
        window.location.assign(safeNextPath(next));
        return;
      }
      setPassword("");
      fail({ message: await errorMessage(res), field: res.status === 401 ? "password" : null });
    } catch (err) {
      fail({
        message: err instanceof Error && err.message === COOKIE_REFUSED ? COOKIE_REFUSED : "The dashboard did not answer. Check your connection and try again.",
        field: null,
      });
    }
    setPending(false);
  }

  const invalid = failure !== null && failure.field !== null;

  return (
    <form
      method="post"
      action="/api/auth/login"
      onSubmit={submit}
      noValidate
      aria-label="Log in"
      className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      {failure && (
        <p key={attempt} id="login-error" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure.message}
        </p>
      )}
      <LoginField
        inputRef={usernameRef}
        name="username"
        label="Username"
        type="text"
        autoComplete="username"
        extra={{ autoCapitalize: "none", spellCheck: false, autoFocus: true }}
        value={username}
        onChange={setUsername}
        invalid={invalid}
        described={Boolean(failure)}
      />
      <LoginField
        inputRef={passwordRef}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        invalid={invalid}
        described={Boolean(failure)}
      />
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending || undefined}
        className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? "Logging in…" : "Log in"}
      </button>
      {demo && (
        <div className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-slate-700">
          <p>
            <span className="font-medium">Demo mode</span>: synthetic data only. Log in as{" "}
            <code className="font-mono">{demo.username}</code> with password <code className="font-mono">{demo.password}</code>.
          </p>
          <button
            type="button"
            onClick={() => {
              setUsername(demo.username);
              setPassword(demo.password);
              passwordRef.current?.focus();
            }}
            className="mt-1 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
          >
            Fill in the demo login
          </button>
        </div>
      )}
    </form>
  );
}
