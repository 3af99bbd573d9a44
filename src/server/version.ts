/** The version `/version` and the CLI report; test/package/version.test.ts keeps it equal to package.json. */
export const SERVER_VERSION = '0.1.0';
