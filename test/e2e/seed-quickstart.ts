// The quickstart as published, kept verbatim in fixtures/authentication-quickstart.txt (the
// repository reads nothing outside itself), cut into the commands it tells a reader to run, so
// tests can run them word for word with only the host changed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED_FILE = fileURLToPath(new URL('./fixtures/authentication-quickstart.txt', import.meta.url));
const PUBLIC_HOSTS = /https:\/\/(auth|api)\.hokus\.ai/g;

/** The seed's lines. */
function seedLines(): string[] {
  return readFileSync(SEED_FILE, 'utf8').split(/\r?\n/);
}

/** Each `curl ...` command of the seed, with its continuation lines and multi-line quotes, in order. */
export function seedCurlCommands(): string[] {
  const commands: string[] = [];
  let current: string[] | undefined;
  for (const line of seedLines()) {
    if (!current && line.startsWith('curl ')) current = [];
    if (!current) continue;
    current.push(line);
    const text = current.join('\n');
    const openQuote = (text.match(/'/g) ?? []).length % 2 === 1;
    if (!line.endsWith('\\') && !openQuote) {
      commands.push(text);
      current = undefined;
    }
  }
  return commands;
}

/** The seed's Python for steps 1 and 2 (`requests`), as one script; step 3 needs Hokusai's own Python SDK. */
export function seedPythonSteps(): string {
  const lines = seedLines();
  const step1Start = lines.indexOf('import requests');
  const step1End = lines.findIndex((l) => l.startsWith('print(f"Your API key'));
  const step2Start = lines.findIndex((l, i) => i > step1End && l.startsWith('response = requests.post('));
  const step2End = lines.findIndex((l) => l.startsWith('print(f"Scopes'));
  if ([step1Start, step1End, step2Start, step2End].includes(-1)) throw new Error(`The Python steps were not found in ${SEED_FILE}`);
  return [...lines.slice(step1Start, step1End + 1), ...lines.slice(step2Start, step2End + 1)].join('\n');
}

/** `text` with the public service's hosts replaced by `baseUrl` — the only change allowed. */
export function withLocalHost(text: string, baseUrl: string): string {
  return text.replace(PUBLIC_HOSTS, baseUrl);
}
