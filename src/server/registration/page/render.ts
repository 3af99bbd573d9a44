import type { FieldError } from '../../engine/errors';
import { escapeHtml } from './escape';
import { PAGE_SCRIPT, PAGE_STYLE } from './assets';

/** The registration form's fields, in page order. */
const FIELDS = [
  { name: 'organization_name', label: 'Organization name', type: 'text', required: true, max: 200, autocomplete: 'organization' },
  { name: 'contact_name', label: 'Your full name', type: 'text', required: true, max: 200, autocomplete: 'name' },
  { name: 'contact_email', label: 'Email', type: 'email', required: true, max: 254, autocomplete: 'email' },
  { name: 'website_url', label: 'Website', type: 'url', required: false, max: 2048, autocomplete: 'url' },
  { name: 'use_case', label: 'What will you use Hokusai for?', type: 'textarea', required: true, max: 2000, autocomplete: 'off' },
] as const;

/**
 * What the form page shows: the values to keep, errors by field, a notice.
 *
 * @example
 * renderFormPage({ values: { contact_email: 'not-an-email' }, errors: [{ field: 'contact_email', message: 'Must be an email address' }] });
 */
export interface FormPageState {
  values?: Record<string, string>;
  errors?: FieldError[];
  notice?: { kind: 'ok' | 'fail'; text: string };
  captcha?: boolean;
}

function layout(title: string, body: string, script = false): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head><body><main>',
    body,
    '</main>',
    script ? `<script>${PAGE_SCRIPT}</script>` : '',
    '</body></html>',
  ].join('\n');
}

function notice(state: FormPageState['notice']): string {
  const kind = state ? ` ${state.kind}` : '';
  // A failure is announced at once (alert); a success politely (status).
  const role = state?.kind === 'fail' ? 'alert' : 'status';
  return `<div id="notice" class="notice${kind}" role="${role}" tabindex="-1">${state ? escapeHtml(state.text) : ''}</div>`;
}

function field(spec: (typeof FIELDS)[number] | { name: string; label: string; type: string; required: boolean; max: number; autocomplete: string }, value: string, error: string | undefined): string {
  const id = escapeHtml(spec.name);
  const attributes = [
    `id="${id}"`,
    `name="${id}"`,
    `maxlength="${spec.max}"`,
    `autocomplete="${spec.autocomplete}"`,
    `aria-describedby="${id}-error"`,
    spec.required ? 'required aria-required="true"' : '',
    error ? 'aria-invalid="true"' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const control =
    spec.type === 'textarea'
      ? `<textarea ${attributes}>${escapeHtml(value)}</textarea>`
      : `<input type="${spec.type}" ${attributes} value="${escapeHtml(value)}">`;
  const hint = spec.required ? '' : ' <span class="hint">(optional)</span>';
  return [
    '<div class="field">',
    `<label for="${id}">${escapeHtml(spec.label)}${hint}</label>`,
    control,
    `<p id="${id}-error" class="error">${error ? escapeHtml(error) : ''}</p>`,
    '</div>',
  ].join('\n');
}

/**
 * The registration form: labelled fields, each with its error beside it, a notice for the
 * answer. Posts to `/register` as a form (no JavaScript) or with fetch (JavaScript).
 */
export function renderFormPage(state: FormPageState = {}): string {
  const errorOf = (name: string) => state.errors?.find((error) => error.field === name)?.message;
  const fields = FIELDS.map((spec) => field(spec, state.values?.[spec.name] ?? '', errorOf(spec.name)));
  if (state.captcha) {
    fields.push(field({ name: 'captcha_token', label: 'CAPTCHA token', type: 'text', required: true, max: 4096, autocomplete: 'off' }, state.values?.captcha_token ?? '', errorOf('captcha_token')));
  }
  const unplaced = (state.errors ?? []).filter((error) => !FIELDS.some((spec) => spec.name === error.field) && error.field !== 'captcha_token');
  const noticeState = state.notice ?? (unplaced.length > 0 ? { kind: 'fail' as const, text: unplaced.map((e) => `${e.field}: ${e.message}`).join('; ') } : undefined);
  return layout(
    'Register for Hokusai',
    [
      '<h1>Register for Hokusai</h1>',
      '<p>Apply for API access. We will email you a link to verify your address; after an admin approves your application, a second email brings your API key.</p>',
      notice(noticeState),
      '<form id="register-form" method="post" action="/register" novalidate>',
      ...fields,
      '<button type="submit">Submit registration</button>',
      '</form>',
    ].join('\n'),
    true,
  );
}

/**
 * A one-button page for a mail link: the GET shows it, the button posts the token (so a mail
 * scanner opening the link changes nothing).
 */
export function renderTokenPage(kind: 'verify' | 'claim', token: string): string {
  const [title, intro, action, button] =
    kind === 'verify'
      ? ['Verify your email', 'Confirm your email address to send your registration for review.', '/registration/verify-email', 'Verify my email']
      : ['Claim your API key', 'Your API key is shown once, on the next page. Keep it somewhere safe.', '/registration/claim', 'Show my API key'];
  return layout(
    title,
    [
      `<h1>${title}</h1>`,
      `<p>${intro}</p>`,
      `<form method="post" action="${action}">`,
      `<input type="hidden" name="token" value="${escapeHtml(token)}">`,
      `<button type="submit">${button}</button>`,
      '</form>',
    ].join('\n'),
  );
}

/**
 * A result page: a heading, a message, and optionally the API key (claim) to copy.
 *
 * @example
 * renderResultPage({ title: 'Email verified', message: 'Your registration is awaiting approval.' });
 */
export function renderResultPage(result: { title: string; message: string; ok: boolean; apiKey?: string }): string {
  return layout(
    result.title,
    [
      `<h1>${escapeHtml(result.title)}</h1>`,
      `<div id="notice" class="notice ${result.ok ? 'ok' : 'fail'}" role="${result.ok ? 'status' : 'alert'}" tabindex="-1">${escapeHtml(result.message)}</div>`,
      result.apiKey ? `<h2 id="api-key-label">Your API key</h2><code id="api-key" class="key" aria-labelledby="api-key-label">${escapeHtml(result.apiKey)}</code>` : '',
      '<p><a href="/register">Back to registration</a></p>',
    ].join('\n'),
  );
}
