import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

// The page's only style and script, inline (the page loads nothing from elsewhere). The
// content policy names their hashes, so nothing else can run or style the page.

export const PAGE_STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:40rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.6rem;margin-top:0}
.field{margin:0 0 1.1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{font-weight:400;color:#555}
input,textarea{box-sizing:border-box;width:100%;padding:.5rem;font:inherit;border:1px solid #8a939e;border-radius:4px}
textarea{min-height:6rem}
input:focus,textarea:focus,button:focus{outline:3px solid #1f6feb;outline-offset:1px}
[aria-invalid=true]{border-color:#b42318}
.error{color:#b42318;margin:.25rem 0 0;min-height:0}
.error:empty{display:none}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}
.notice{padding:.75rem 1rem;border-radius:4px;margin-bottom:1rem}
.notice:empty{display:none}
.notice.ok{background:#e6f4ea;border:1px solid #1a7f37}
.notice.fail{background:#fdecea;border:1px solid #b42318}
code.key{display:block;padding:.75rem;background:#f0f2f5;word-break:break-all;font-size:1.05rem}
`;

/**
 * With JavaScript, the form is sent with fetch and the answer shown in the page: the next step
 * on success, each error next to its field (focus moves to the first), any other failure in
 * the notice. Everything is written with textContent: nothing from the server becomes markup.
 */
export const PAGE_SCRIPT = `
(function () {
  var form = document.getElementById('register-form');
  if (!form || !window.fetch) return;
  var notice = document.getElementById('notice');
  function show(kind, text) { notice.className = 'notice ' + kind; notice.textContent = text; if (text) notice.focus(); }
  function clearErrors() {
    form.querySelectorAll('.error').forEach(function (p) { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    show('', '');
    var body = {};
    new FormData(form).forEach(function (value, name) { if (String(value).trim() !== '') body[name] = String(value); });
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) { return res.json().then(function (data) { return { status: res.status, data: data }; }); })
      .then(function (answer) {
        button.disabled = false;
        if (answer.status === 201) {
          form.hidden = true;
          show('ok', 'Registration received (status: ' + answer.data.status + '). ' + answer.data.next_step);
          return;
        }
        var first = null;
        (answer.data.errors || []).forEach(function (error) {
          var input = form.elements.namedItem(error.field);
          var slot = document.getElementById(error.field + '-error');
          if (input && slot) { slot.textContent = error.message; input.setAttribute('aria-invalid', 'true'); first = first || input; }
        });
        if (first) { show('fail', 'Please correct the fields marked below.'); first.focus(); }
        else show('fail', answer.data.detail || 'The registration could not be sent.');
      })
      .catch(function () { button.disabled = false; show('fail', 'The server could not be reached; try again.'); });
  });
})();
`;

const hash = (text: string) => `'sha256-${btoa(String.fromCharCode(...sha256(utf8ToBytes(text))))}'`;

/** The content policy of the registration pages: only their own style and script, forms and fetch to this origin. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${hash(PAGE_STYLE)}`,
  `script-src ${hash(PAGE_SCRIPT)}`,
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
