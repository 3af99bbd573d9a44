// Read from package.json at build time (tsup bundles the one field; tsx and vitest read the file).
import { version } from '../../package.json';

/** The version `/version` and the CLI report: the package's own. */
export const SERVER_VERSION: string = version;
