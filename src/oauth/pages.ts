/**
 * The sign-in, consent and problem pages: plain HTML forms that work without JavaScript, with a
 * heading, labels, autocomplete hints for password managers, and error text tied to its field by
 * aria-describedby. Every value from outside is escaped; the one stylesheet is allowed by its hash.
 */
import { createHash } from 'node:crypto';
import type { SignInErrors } from './authorize.service.js';
import { describeScope } from './scopes.js';

const STYLE = `
body{font:1rem/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.5rem}
h1{font-size:1.5rem;line-height:1.25;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;margin-top:.25rem;border:2px solid #51596a;border-radius:.25rem}
input[aria-invalid=true]{border-color:#b00020}
input:focus,button:focus{outline:3px solid #ffbf47;outline-offset:1px}
button{font:inherit;font-weight:600;margin:1.5rem .5rem 0 0;padding:.5rem 1.25rem;border:0;border-radius:.25rem;background:#00703c;color:#fff;cursor:pointer}
button.secondary{background:#51596a}
.error{color:#b00020;font-weight:600;margin:.25rem 0}
code{font-size:.875rem}
`.trim();

/** The CSP source that allows the stylesheet above and nothing else inline. */
export const STYLE_SOURCE = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function hidden(fields: { csrf: string; ticket: string }): string {
  return [
    `<input type="hidden" name="csrf" value="${escapeHtml(fields.csrf)}">`,
    `<input type="hidden" name="ticket" value="${escapeHtml(fields.ticket)}">`,
  ].join('\n');
}

export interface SignInView {
  appName: string;
  csrf: string;
  ticket: string;
  email?: string;
  errors?: SignInErrors;
}

export function signInPage(view: SignInView): string {
  const errors = view.errors ?? {};
  const app = escapeHtml(view.appName);
  const formError = errors.form
    ? `<p id="sign-in-error" class="error" role="alert">${escapeHtml(errors.form)}</p>`
    : '';
  const input = (name: 'email' | 'password', attributes: string) => {
    const own = errors[name];
    const described = [own ? `${name}-error` : '', errors.form ? 'sign-in-error' : '']
      .filter(Boolean)
      .join(' ');
    const aria = described ? ` aria-describedby="${described}" aria-invalid="true"` : '';
    const message = own ? `\n<p id="${name}-error" class="error">${escapeHtml(own)}</p>` : '';
    return `${message}\n<input id="${name}" name="${name}" ${attributes} required${aria}>`;
  };

  const email = view.email === undefined ? '' : ` value="${escapeHtml(view.email)}"`;
  return layout(
    `Sign in to connect ${view.appName}`,
    `<h1>Sign in to connect ${app}</h1>
<p>${app} is asking to act for you. Sign in, and you will see what it asks to do before anything is shared with it.</p>
${formError}
<form method="post" action="/oauth/authorize">
${hidden(view)}
<label for="email">Email address</label>${input('email', `type="email" autocomplete="username" spellcheck="false"${email}`)}
<label for="password">Password</label>${input('password', 'type="password" autocomplete="current-password"')}
<button type="submit">Sign in</button>
</form>`,
  );
}

export interface ConsentView {
  appName: string;
  email: string;
  scopes: readonly string[];
  /** Where the person will be sent, shown so they can see which site gets the access. */
  destination: string;
  csrf: string;
  ticket: string;
}

export function consentPage(view: ConsentView): string {
  const app = escapeHtml(view.appName);
  const items = view.scopes
    .map(
      (scope) => `<li>${escapeHtml(describeScope(scope))} <code>${escapeHtml(scope)}</code></li>`,
    )
    .join('\n');
  return layout(
    `Allow ${view.appName} to act for you?`,
    `<h1>Allow ${app} to act for you?</h1>
<p>You are signed in as <strong>${escapeHtml(view.email)}</strong>.</p>
<p id="scopes-intro">${app} is asking to:</p>
<ul aria-labelledby="scopes-intro">
${items}
</ul>
<p>Whichever you choose, you will go back to <strong>${escapeHtml(view.destination)}</strong>.</p>
<form method="post" action="/oauth/consent">
${hidden(view)}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`,
  );
}

export function problemPage(message: string): string {
  return layout(
    'This sign-in cannot go on',
    `<h1>This sign-in cannot go on</h1>
<p role="alert">${escapeHtml(message)}</p>`,
  );
}
