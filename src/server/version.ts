/** The version `/version` reports; kept equal to package.json's by the release step. */
export const SERVER_VERSION = '0.1.0';
