import type { Client } from 'openapi-fetch';
import type { paths } from '../../../generated/schema';

/** The openapi-fetch client typed with the generated paths. */
export type ApiClient = Client<paths>;
