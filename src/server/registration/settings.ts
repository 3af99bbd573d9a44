/**
 * The registration limits and switches, all configurable (`createApp({ registration })`, the
 * `--registration-*` flags and `HOKUSAI_REGISTRATION_*` variables of the command-line server).
 *
 * @example
 * const settings: RegistrationSettings = { ...DEFAULT_REGISTRATION_SETTINGS, ipLimit: 3 };
 */
export interface RegistrationSettings {
  /** Submissions one IP may make in `windowSeconds`. */
  ipLimit: number;
  /** Submissions one email domain may make in `windowSeconds`. */
  domainLimit: number;
  /** Submissions the whole service takes in `windowSeconds`. */
  globalLimit: number;
  /** The rolling window of the three limits. */
  windowSeconds: number;
  /** Violations (429s) of one IP within `windowSeconds` that get it banned. */
  banAfterViolations: number;
  /** How long a ban lasts. */
  banSeconds: number;
  /** Registrations from one IP within a day above which screening flags `ip_velocity`. */
  ipVelocityPerDay: number;
  /** Registrations from one email domain within a day above which screening flags `domain_velocity`. */
  domainVelocityPerDay: number;
  /** How long a verification link works. */
  verificationTtlSeconds: number;
  /** `captcha_token` required and checked by the CAPTCHA verifier. */
  captcha: boolean;
}

/** The defaults: generous enough for development, tight enough to see the limits work. */
export const DEFAULT_REGISTRATION_SETTINGS: Readonly<RegistrationSettings> = Object.freeze({
  ipLimit: 5,
  domainLimit: 20,
  globalLimit: 1000,
  windowSeconds: 3600,
  banAfterViolations: 3,
  banSeconds: 3600,
  ipVelocityPerDay: 3,
  domainVelocityPerDay: 10,
  verificationTtlSeconds: 24 * 3600,
  captcha: false,
});

/** The numeric settings, their flag and environment names, for the command line. */
export const REGISTRATION_NUMBER_SETTINGS = {
  ipLimit: 'ip-limit',
  domainLimit: 'domain-limit',
  globalLimit: 'global-limit',
  windowSeconds: 'window',
  banAfterViolations: 'ban-after',
  banSeconds: 'ban-seconds',
} as const satisfies Partial<Record<keyof RegistrationSettings, string>>;

/**
 * Settings from `--registration-<name>` flag values, else `HOKUSAI_REGISTRATION_<NAME>`
 * variables, else the defaults. A value that is not a positive integer throws a TypeError
 * naming the flag.
 *
 * @example
 * registrationSettingsFrom({ 'registration-ip-limit': '3' }, process.env).ipLimit; // 3
 */
export function registrationSettingsFrom(
  flags: Record<string, string | boolean | undefined>,
  env: Record<string, string | undefined>,
): RegistrationSettings {
  const settings: RegistrationSettings = { ...DEFAULT_REGISTRATION_SETTINGS };
  for (const [field, name] of Object.entries(REGISTRATION_NUMBER_SETTINGS) as [keyof typeof REGISTRATION_NUMBER_SETTINGS, string][]) {
    const envName = `HOKUSAI_REGISTRATION_${name.toUpperCase().replace(/-/g, '_')}`;
    const raw = flags[`registration-${name}`] ?? env[envName];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`--registration-${name} (or ${envName}) must be a positive integer (got ${JSON.stringify(raw)})`);
    }
    settings[field] = value;
  }
  const captcha = flags.captcha ?? env.HOKUSAI_CAPTCHA;
  settings.captcha = captcha === true || captcha === '1' || captcha === 'true';
  return settings;
}
